"""Tablo 17: per target its performance and texts; per SP indicator weight, A, B, C, P and assessments."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import format_percent
from exports.builders.common import csv_number, csv_rate, marked, revisions_note
from exports.builders.layout import NUMBER, PERCENT, Column, Document, Export, Row, Section, Table
from exports.selectors import SPTargetBlock

CSV_HEADER = [
    "year",
    "aim_code",
    "target_code",
    "target_performance",
    "indicator_code",
    "indicator",
    "weight",
    "baseline",
    "year_target",
    "actual",
    "performance_raw",
    "performance",
]


def assessment_labels() -> list[str]:
    return [_("İlgililik"), _("Etkililik"), _("Etkinlik"), _("Sürdürülebilirlik")]


def sp_evaluation_export(
    *, blocks: list[SPTargetBlock], year: int, administration: str, revisions: dict[str, str] | None = None
) -> Export:
    """Return the year's SP evaluation tables as Tablo 17 prints them.

    Per target its headings (aim, target, performance, deviation, measures, responsible unit), then
    per SP indicator its row of the six official columns with the four assessments under it. The
    unbounded performance is not a column of the printed table; the CSV keeps it.
    `revisions` maps an SP indicator's or a target's code to the note of the revisions it depends on.
    """
    revisions = revisions or {}
    columns = [
        Column(_("Performans Göstergesi"), width=44),
        Column(_("Hedefe Etkisi (%)"), PERCENT, 10),
        Column(_("Plan Dönemi Başlangıç Değeri (A)"), NUMBER, 14),
        Column(_("İzleme Dönemindeki Yıl sonu Hedeflenen Değer (B)"), NUMBER, 14),
        Column(_("İzleme Dönemindeki Gerçekleşme Değeri (C)"), NUMBER, 14),
        Column(_("Performans (%) (C-A)/(B-A)"), PERCENT, 12),
    ]
    not_computable = _("Hesaplanamadı")
    sections = []
    for block in blocks:
        performance = _("%(code)s Performansı") % {"code": block.code}
        headings = [
            (block.aim_code, block.aim_title),
            (block.code, marked(block.title, block.code, revisions)),
            (performance, _percent_text(block.performance) or not_computable),
            (_("Hedefe İlişkin Sapmanın Nedeni"), block.deviation_reason),
            (_("Hedefe İlişkin Alınacak Önlemler"), block.measures),
            (_("Sorumlu Birim"), block.responsible_unit),
        ]
        if not block.indicators:
            sections.append(Section(headings=headings))
        for position, line in enumerate(block.indicators):
            texts = [(label, text) for label, text in zip(assessment_labels(), line.assessments, strict=True) if text]
            trailers = [(_("Performans Göstergelerine İlişkin Değerlendirmeler"), ""), *texts] if texts else []
            row = Row(
                [
                    marked(f"{line.code}: {line.name}", line.code, revisions),
                    line.weight,
                    line.baseline,
                    line.year_target,
                    line.actual,
                    line.performance,
                ]
            )
            sections.append(Section(headings=headings if position == 0 else [], rows=[row], trailers=trailers))
    table = Table(
        title=_("Tablo 17. Stratejik Plan Değerlendirme Tabloları"),
        columns=columns,
        sections=sections,
        sheet="Tablo 17",
    )
    document = Document(
        title=_("Stratejik plan değerlendirme — %(year)s") % {"year": year},
        subtitle=administration,
        tables=[table],
        notes=revisions_note(revisions),
    )
    csv_rows = [
        [
            year,
            block.aim_code,
            block.code,
            csv_rate(block.performance),
            line.code,
            line.name,
            csv_number(line.weight),
            csv_number(line.baseline),
            csv_number(line.year_target),
            csv_number(line.actual),
            csv_rate(line.performance_raw),
            csv_rate(line.performance),
        ]
        for block in blocks
        for line in block.indicators
    ]
    return Export(document=document, csv_header=CSV_HEADER, csv_rows=csv_rows)


def _percent_text(value) -> str:
    return format_percent(value, language=get_language() or "tr") if value is not None else ""
