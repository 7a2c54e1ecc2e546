"""The activity report's chapter III (Faaliyet Raporu, III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler).

Pure: the rows the selectors read in, one `AnnualReport` out — headings in the regulation's order
with the 2024 report's numbering, the tables of the other builders (Tablo 7–17, the same figures as
their own exports) with numbered captions and notes, the units' narratives, the accepted evaluation
texts, the revisions and, where the printed report of a legacy year is compared, its differences.
The DOCX and PDF renderers (`exports.renderers.annual_docx`, `annual_pdf`) lay the blocks out.
"""

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from itertools import groupby

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import format_decimal, format_percent
from exports.builders.budget import budget_economic_export, budget_program_export, budget_unit_export
from exports.builders.common import revisions_note
from exports.builders.form3 import form3_export, unreported_title
from exports.builders.form4 import form4_export
from exports.builders.layout import NUMBER, TEXT, Column, Document, Export, Note, Row, Section, Table
from exports.builders.program_structure import program_structure_export
from exports.builders.sp_evaluation import sp_evaluation_export
from exports.selectors import BudgetFiguresRow, Form3Row, Form4Line, SPTargetBlock, StructureRow
from indicators.calculations import status_bands_summary
from reports.builders.printed_audit import BUDGET_RULES, Difference, column_label, table_label


@dataclass(frozen=True)
class Heading:
    level: int  # 1 the chapter (III.), 2 its parts (A., B.), 3 their sections (1., 2.), 4 (i.)
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class FieldLines:
    """Label : text lines above a table (Yıl : 2024, Programın Adı : Göç Yönetimi …)."""

    lines: list[tuple[str, str]]


@dataclass(frozen=True)
class Caption:
    label: str  # Tablo / Table
    number: int
    text: str
    continued: bool = False  # a later part of a table split by sub-programme: "Tablo 15 (devamı)"


@dataclass(frozen=True)
class TableBlock:
    caption: Caption
    table: Table
    notes: list[str] = field(default_factory=list)  # printed in small type under the table


@dataclass(frozen=True)
class NoteBlock:
    note: Note


Block = Heading | Paragraph | FieldLines | TableBlock | NoteBlock


@dataclass
class AnnualReport(Document):
    """The chapter as blocks in reading order; `tables` holds every table too (as a plain Document)."""

    blocks: list[Block] = field(default_factory=list)
    year: int = 0
    administration: str = ""


@dataclass
class AnnualInputs:
    """What the selectors read for the chapter (`exports.registry`)."""

    year: int
    administration: str
    budget_economic: list[BudgetFiguresRow]
    budget_program: list[BudgetFiguresRow]
    budget_unit: list[BudgetFiguresRow]
    structure: list[StructureRow]
    form3: list[Form3Row]
    form4: list[Form4Line]
    form4_frozen: bool
    sp_blocks: list[SPTargetBlock]
    pp_revisions: dict[str, str] = field(default_factory=dict)
    sp_revisions: dict[str, str] = field(default_factory=dict)
    year_over: bool = True
    # None: no printed report was loaded for the year (nothing is compared).
    differences: list[Difference] | None = None


_CAPTION = re.compile(r"^(\S+) (\d+)\. (.+)$")


def caption_of(title: str, *, continued: bool = False) -> Caption:
    """Split a table's title ("Tablo 7. 2023-2024 Mali …") into its caption's label, number and text."""
    match = _CAPTION.match(title)
    if match is None:
        return Caption(label="", number=0, text=title, continued=continued)
    return Caption(label=match[1], number=int(match[2]), text=match[3], continued=continued)


def caption_text(caption: Caption) -> str:
    """Return the caption as printed: "Tablo 7. …", a later part "Tablo 15 (devamı). …"."""
    if not caption.number:
        return caption.text
    number = f"{caption.label} {caption.number}"
    if caption.continued:
        number = _("%(table)s (devamı)") % {"table": number}
    return f"{number}. {caption.text}"


def _language() -> str:
    return (get_language() or "tr")[:2]


def _money(value: Decimal) -> str:
    return format_decimal(value, 2, language=_language())


def _budget_summary(rows: list[BudgetFiguresRow], year: int) -> list[Block]:
    total = next((row for row in rows if row.level == "total"), None)
    if total is None:
        return [Paragraph(_("%(year)s yılı için bütçe verisi yok.") % {"year": year})]
    text = _(
        "%(year)s yılı merkezi yönetim bütçe kanunu ile tahsis edilen başlangıç ödeneği (KBÖ) %(initial)s TL'dir. "
        "Yıl içinde eklenen %(added)s TL ve düşülen %(deducted)s TL ile toplam ödenek %(total)s TL olmuş, "
        "bunun %(spent)s TL'si harcanmıştır; harcamanın toplam ödeneğe oranı %(rate)s olarak gerçekleşmiştir."
    ) % {
        "year": year,
        "initial": _money(total.initial),
        "added": _money(total.additions),
        "deducted": _money(total.deductions),
        "total": _money(total.total),
        "spent": _money(total.spending),
        "rate": format_percent(total.realization_pct, language=_language())
        if total.realization_pct is not None
        else "—",
    }
    return [Paragraph(text)]


# The rules under each budget table, as the printed-report comparison names them (one text per rule).
_BUDGET_NOTES = {
    7: ("increase_pct",),
    9: ("total", "remaining", "realization_pct"),
    10: ("pct_of_kbo", "pct_of_total"),
    11: ("pct_of_kbo", "pct_of_total"),
    13: ("increase_pct",),
}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _budget_tables(inputs: AnnualInputs) -> list[Block]:
    economic = budget_economic_export(
        rows=inputs.budget_economic, year=inputs.year, administration=inputs.administration
    ).document.tables
    program = budget_program_export(
        rows=inputs.budget_program, year=inputs.year, administration=inputs.administration
    ).document.tables
    unit = budget_unit_export(
        rows=inputs.budget_unit, year=inputs.year, administration=inputs.administration
    ).document.tables
    level_note = _(
        "Ekonomik kodlar birinci düzeyde gösterilir; alt düzeyde girilen ödenek ve harcamalar üst koduna eklenir. "
        "Tutarlar TL'dir."
    )
    blocks: list[Block] = []
    for table in sorted([*economic, *program, *unit], key=lambda t: caption_of(t.title).number):
        caption = caption_of(table.title)
        notes = [_sentence(str(BUDGET_RULES[key])) for key in _BUDGET_NOTES.get(caption.number, ())]
        if caption.number in (7, 8, 9, 12, 13):
            notes.insert(0, level_note)
        blocks.append(TableBlock(caption=caption, table=table, notes=notes))
    return blocks


def _without_headings(table: Table) -> tuple[list[tuple[str, str]], Table]:
    """Return a one-section table's heading lines and the table without them (printed above its caption)."""
    sections = [replace(section, headings=[]) for section in table.sections]
    headings = table.sections[0].headings if table.sections else []
    return headings, replace(table, sections=sections)


def _form3_blocks(inputs: AnnualInputs) -> list[Block]:
    """Per programme, sub-programme and goal: its heading lines, its part of Tablo 15, its narratives."""
    blocks: list[Block] = []
    unreported: list[Note] = []
    revision_titles = {note.title for note in revisions_note({"-": "-"})}
    first = True
    for _key, group in groupby(inputs.form3, key=lambda r: (r.program, r.sub_program, r.goal)):
        export = form3_export(
            rows=list(group),
            year=inputs.year,
            administration=inputs.administration,
            revisions=inputs.pp_revisions,
            year_over=inputs.year_over,
        )
        notes = [note for note in export.document.notes if note.title not in revision_titles]
        unreported += [note for note in notes if note.title == unreported_title()]
        narratives = [note for note in notes if note.title != unreported_title()]
        for table in export.document.tables:
            if not table.row_count:
                continue
            headings, plain = _without_headings(table)
            blocks.append(FieldLines(headings))
            blocks.append(TableBlock(caption=caption_of(table.title, continued=not first), table=plain))
            first = False
        blocks += [NoteBlock(note) for note in narratives]
    for note in unreported:
        blocks.append(NoteBlock(note))
    return blocks


def _sp_accepted(blocks: list[SPTargetBlock]) -> tuple[list[SPTargetBlock], list[str]]:
    """Keep only the texts the strategy directorate accepted; return the codes whose texts are left out."""
    kept, waiting = [], []
    for block in blocks:
        lines = []
        for line in block.indicators:
            if not line.texts_accepted and any(line.assessments):
                waiting.append(line.code)
                line = replace(line, assessments=["", "", "", ""])
            lines.append(line)
        if not block.texts_accepted and (block.deviation_reason or block.measures):
            waiting.append(block.code)
            block = replace(block, deviation_reason="", measures="")
        kept.append(replace(block, indicators=lines))
    return kept, waiting


def _performance_blocks(inputs: AnnualInputs) -> list[Block]:
    structure = program_structure_export(
        rows=inputs.structure, year=inputs.year, administration=inputs.administration
    ).document.tables[0]
    form4 = form4_export(
        lines=inputs.form4,
        frozen=inputs.form4_frozen,
        revisions=inputs.pp_revisions,
        year=inputs.year,
        administration=inputs.administration,
    ).document.tables[0]
    blocks: list[Block] = [
        Heading(2, _("B. Performans Bilgileri")),
        Heading(3, _("1. Program, Alt Program ve Faaliyet Bilgileri")),
        TableBlock(caption=caption_of(structure.title), table=structure),
        Heading(3, _("2. Performans Sonuçlarının Değerlendirilmesi")),
        Heading(4, _("i. Alt Program Hedef ve Göstergeleriyle İlgili Gerçekleşme Sonuçları ve Değerlendirmeler")),
        Paragraph(
            _(
                "Performans göstergelerinin gerçekleşme durumu Performans Programı İzleme "
                "Rehberi'nin ölçütleriyle belirlenmiştir: %(bands)s."
            )
            % {"bands": status_bands_summary()}
        ),
        *_form3_blocks(inputs),
        TableBlock(caption=caption_of(form4.title), table=form4),
    ]
    sp_blocks, waiting = _sp_accepted(inputs.sp_blocks)
    blocks.append(Heading(3, _("3. Stratejik Planın Değerlendirilmesi")))
    if not sp_blocks:
        blocks.append(Paragraph(_("%(year)s yılını kapsayan stratejik plan yok.") % {"year": inputs.year}))
        return blocks
    tablo17 = sp_evaluation_export(
        blocks=sp_blocks, revisions=inputs.sp_revisions, year=inputs.year, administration=inputs.administration
    ).document.tables[0]
    notes = []
    if waiting:
        notes.append(
            _("Strateji Geliştirme'nin henüz kabul etmediği değerlendirme metinleri alınmadı: %(codes)s.")
            % {"codes": ", ".join(waiting)}
        )
    blocks.append(TableBlock(caption=caption_of(tablo17.title), table=tablo17, notes=notes))
    return blocks


def _printed_text(text: str) -> str:
    """Return a printed figure with the decimals it was printed with (46,80, not 46,8)."""
    try:
        value = Decimal(text)
    except InvalidOperation:  # a status label
        return text
    exponent = value.as_tuple().exponent
    return format_decimal(value, max(-exponent, 0) if isinstance(exponent, int) else None, language=_language())


def differences_table(differences: list[Difference]) -> Table:
    """Return the printed figures the rules do not reproduce, beside the computed ones and the rule."""
    not_computable = _("Hesaplanamadı")
    rows = [
        Row(
            [
                table_label(d.table),
                _("Toplam") if d.row == "TOTAL" else d.row,
                column_label(d.column),
                _printed_text(d.printed),
                not_computable if d.computed is None else d.computed,
                d.rule,
                d.note,
            ],
            places=2,
        )
        for d in differences
    ]
    return Table(
        title=_("Basılı rapor farkları"),
        columns=[
            Column(_("Tablo"), TEXT, 8),
            Column(_("Satır"), TEXT, 22),
            Column(_("Sütun"), TEXT, 14),
            Column(_("Basılı"), NUMBER, 12),
            Column(_("Hesaplanan"), NUMBER, 12),
            Column(_("Kural"), TEXT, 40),
            Column(_("Not"), TEXT, 18),
        ],
        sections=[Section(rows=rows)],
    )


def _closing_blocks(inputs: AnnualInputs) -> list[Block]:
    blocks: list[Block] = []
    revisions = {**inputs.pp_revisions, **inputs.sp_revisions}
    if revisions:
        blocks.append(Heading(2, _("Revizyonlar")))
        blocks += [NoteBlock(note) for note in revisions_note(revisions)]
    if inputs.differences is not None:
        blocks.append(Heading(2, _("Ek: Basılı rapor farkları")))
        if inputs.differences:
            blocks.append(
                Paragraph(
                    _(
                        "%(year)s yılının basılı raporundaki %(count)s değer kurallarla hesaplanan değerden farklıdır; "
                        "bu bölümdeki tablolar hesaplanan değerleri gösterir."
                    )
                    % {"year": inputs.year, "count": len(inputs.differences)}
                )
            )
            blocks.append(
                TableBlock(
                    caption=Caption("", 0, _("Basılı değerler ve kurallarla hesaplanan değerler")),
                    table=differences_table(inputs.differences),
                )
            )
        else:
            blocks.append(Paragraph(_("Basılı rapordaki bütün değerler kurallarla hesaplananlarla aynıdır.")))
    return blocks


def annual_report_export(inputs: AnnualInputs) -> Export:
    """Return chapter III of the year's activity report, and the list of its tables as the CSV rows."""
    blocks: list[Block] = [
        Heading(1, _("III. FAALİYETLERE İLİŞKİN BİLGİ VE DEĞERLENDİRMELER")),
        Heading(2, _("A. Mali Bilgiler")),
        Heading(3, _("1. Bütçe Uygulama Sonuçları")),
        *_budget_summary(inputs.budget_economic, inputs.year),
        Heading(3, _("2. Temel Mali Tablolara İlişkin Açıklamalar")),
        *_budget_tables(inputs),
        *_performance_blocks(inputs),
        *_closing_blocks(inputs),
    ]
    tables = [block.table for block in blocks if isinstance(block, TableBlock)]
    title = _("%(year)s Yılı Faaliyet Raporu") % {"year": inputs.year}
    document = AnnualReport(
        title=title,
        subtitle=inputs.administration,
        tables=tables,
        blocks=blocks,
        year=inputs.year,
        administration=inputs.administration,
    )
    # The tables with rows, one line each: none means nothing to report (refused, like every report).
    captions = [block.caption for block in blocks if isinstance(block, TableBlock) and block.table.row_count]
    csv_rows = [[inputs.year, caption_text(c)] for c in captions]
    return Export(document=document, csv_header=["year", "caption"], csv_rows=csv_rows)


def outline(report: AnnualReport) -> list[Heading]:
    """Return the headings in order: the table of contents."""
    return [block for block in report.blocks if isinstance(block, Heading)]
