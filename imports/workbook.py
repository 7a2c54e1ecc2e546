"""The import workbook (.xlsx): read it into a data set, write one from rows, build the blank template.

One sheet per kind of record with a header row (docs/import.md). Numbers may be numeric cells or
Turkish-formatted text (1.009.098, 18,99). This module knows nothing of the database.
"""

import io
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.choices import UnitKind
from core.spreadsheets import formula_escape, formula_unescape
from imports.archive import MAX_COLUMNS, MAX_ROWS, ArchiveRefused, archive_check
from imports.dataset import SHEETS, Cell, Dataset, DatasetError, RowError, cross_check, parse_sheet
from plans.choices import AggregationMethod, Direction

# The sheets of the issue, in the order a person fills them; then the optional ones.
MAIN_SHEETS = (
    "units",
    "plan",
    "aims",
    "targets",
    "sp_indicators",
    "sp_yearly",
    "pp_indicators",
    "quarterly_values",
    "budget_lines",
)
OPTIONAL_SHEETS = ("administration", "target_yearly", "program_structure", "activities", "printed")
WORKBOOK_SHEETS = MAIN_SHEETS + OPTIONAL_SHEETS
# A workbook must describe the units it refers to; everything else may be left out.
REQUIRED_SHEETS = ("units",)
# The instructions sheet is for people, in their language; the importer ignores it.
INSTRUCTIONS_SHEET = gettext_lazy("Açıklamalar")

YES_NO = ("yes", "no")
# Columns whose cells take one of a few words: the template offers them as a drop-down list.
ENUMERATIONS: dict[str, tuple[str, ...]] = {
    "kind": tuple(UnitKind.values),
    "direction": tuple(Direction.values),
    "aggregation": tuple(AggregationMethod.values),
    "cumulative": YES_NO,
    "allows_negative": YES_NO,
    "evidence_required": YES_NO,
}
# How many rows the template's drop-down lists cover.
VALIDATION_ROWS = 5000

SHEET_HELP: dict[str, Any] = {  # lazily translated texts
    "units": gettext_lazy(
        "Birim ağacı: her birimin kodu, adı, üst biriminin kodu (en üstteki birimlerde boş), türü ve sırası "
        "(seq: idarenin kendi birim sırası, Tablo 11 ve birim listeleri bu sırayla; boş bırakılırsa değişmez)."
    ),
    "plan": gettext_lazy("Stratejik plan: kodu, adı, başlangıç ve bitiş yılı (tek satır)."),
    "aims": gettext_lazy("Planın amaçları (A1, A2 …)."),
    "targets": gettext_lazy("Hedefler: bağlı olduğu amacın kodu ve sorumlu birimin kodu ile."),
    "sp_indicators": gettext_lazy(
        "Stratejik plan performans göstergeleri: hedef kodu, ölçü birimi, veri kaynağı, hedefe etkisi (ağırlık, %), "
        "başlangıç değeri (A), yön, kümülatif olup olmadığı, beslendiği PP göstergesinin kodu ve sorumlu birim."
    ),
    "sp_yearly": gettext_lazy(
        "SP göstergelerinin yıllık hedefi (B) ve gerçekleşmesi (C; bağlı PP göstergesinden hesaplanıyorsa boş)."
    ),
    "pp_indicators": gettext_lazy(
        "Performans programı göstergeleri: yıl, program, alt program, alt program hedefi, ölçü birimi, "
        "veri kaynağı (değerin okunduğu sistem, rapor ya da kayıt), kanıt zorunlu (yes/no; boş bırakılırsa "
        "değişmez), yön, "
        "yıl sonu hesaplama yöntemi, önceki dönem yılı ve değeri, hedeflenen değer, sorumlu birim ve ondalık "
        "basamak sayısı (0–4)."
    ),
    "quarterly_values": gettext_lazy(
        "Üç aylık değerler (Form-3): dönem 1–4; oran (ratio) göstergelerinde pay ve payda birlikte; "
        "yıl sonu gerçekleşme tahmini ve değerlendirme metni."
    ),
    "budget_lines": gettext_lazy(
        "Bütçe satırları: yıl, ulusal ekonomik sınıflandırmadaki kod (01, 03.2 …), program/alt program/faaliyet, "
        "harcama birimi, KBÖ, eklenen, düşülen ve harcama tutarları."
    ),
    "administration": gettext_lazy(
        "İsteğe bağlı: idarenin kodu ve adı (yoksa yükleyen kullanıcının idaresi kullanılır)."
    ),
    "target_yearly": gettext_lazy("İsteğe bağlı: hedeflerin yıllık sapma nedeni ve alınacak önlemler metni."),
    "program_structure": gettext_lazy(
        "İsteğe bağlı: program yapısı (Tablo 14) — göstergesi olmayan alt program hedefleri için."
    ),
    "activities": gettext_lazy("İsteğe bağlı: alt programların faaliyetleri."),
    "printed": gettext_lazy("İsteğe bağlı: basılı rapordaki değerler (hesaplananla karşılaştırmak için saklanır)."),
}


def _cell(value: Any) -> Cell | None:
    """Return a cell's content as text or, for a numeric cell, as an exact Decimal."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that reads back as the same float: 18.99, not 18.989999…
        return Decimal(repr(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    # The apostrophe the export put before a text starting with = + - @ is not the user's.
    return formula_unescape(str(value))


# What openpyxl (through defusedxml) raises on a damaged or hostile part: never a server error.
_UNREADABLE = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    OSError,
    EOFError,
    ValueError,  # defusedxml's EntitiesForbidden, a cell "NaN" openpyxl cannot cast
    TypeError,
    OverflowError,
    SyntaxError,  # XML parse errors
)


class _SheetTooLarge(Exception):
    pass


def read_workbook(source: str | IO[bytes]) -> Dataset:
    """Read every known sheet of an .xlsx workbook; raise DatasetError listing all problems.

    The archive is checked first (imports/archive.py: entries, unpacked size, ratio), then each sheet
    is streamed (openpyxl's read-only mode) up to MAX_ROWS rows of MAX_COLUMNS columns.
    """
    try:
        archive_check(source)
        book = load_workbook(source, read_only=True, data_only=True)
    except ArchiveRefused as exc:
        raise DatasetError([RowError(_("çalışma kitabı"), None, None, str(exc))]) from exc
    except _UNREADABLE as exc:
        message = _("Excel (.xlsx) dosyası okunamadı: %(error)s") % {"error": exc}
        raise DatasetError([RowError(_("çalışma kitabı"), None, None, message)]) from exc
    dataset = Dataset()
    errors: list[RowError] = []
    try:
        names = set(book.sheetnames)
        for name in REQUIRED_SHEETS:
            if name not in names:
                errors.append(RowError(name, None, None, _("Sayfa bulunamadı.")))
        for name in WORKBOOK_SHEETS:
            if name not in names:
                continue
            try:
                header, records, numbers, sheet_errors = _read_sheet(book[name], name)
            except _SheetTooLarge as exc:
                errors.append(RowError(name, None, None, str(exc)))
                continue
            except _UNREADABLE:
                # openpyxl's own words (English, about the XML) would not help the person who typed the sheet.
                errors.append(
                    RowError(
                        name,
                        None,
                        None,
                        _(
                            "Sayfa okunamadı: bozuk bir hücre var (sayı hücresinde NaN, Infinity ya da sayı olmayan "
                            "bir değer, veya bozuk XML). Sayfayı Excel'de açıp kaydedin ya da hücreyi düzeltin."
                        ),
                    )
                )
                continue
            errors.extend(sheet_errors)
            parsed, sheet_errors = parse_sheet(name, records, header, row_numbers=numbers, turkish_numbers=True)
            errors.extend(sheet_errors)
            dataset.rows[name] = parsed
    finally:
        book.close()
    if not errors:
        errors.extend(cross_check(dataset))
    if errors:
        raise DatasetError(errors)
    return dataset


def _read_sheet(sheet: Any, name: str) -> tuple[list[str], list[dict[str, Cell | None]], list[int], list[RowError]]:
    """Stream one sheet's rows; raise _SheetTooLarge past MAX_ROWS rows or MAX_COLUMNS columns."""
    # The sheet's own dimension may claim A1:XFD1048576; rows are then read as long as they are.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    header = [str(h).strip() if h is not None else "" for h in (first or ())]
    records: list[dict[str, Cell | None]] = []
    numbers: list[int] = []
    errors: list[RowError] = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise _SheetTooLarge(
                _("Sayfada çok fazla satır var: en fazla %(max)s satır okunur; verileri birkaç dosyaya bölün.")
                % {"max": MAX_ROWS}
            )
        if len(values) > MAX_COLUMNS:
            raise _SheetTooLarge(
                _("%(row)s. satırda çok fazla sütun var: en fazla %(max)s.") % {"row": number, "max": MAX_COLUMNS}
            )
        cells = [_cell(v) for v in values]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue  # blank rows are left alone, as a person leaves them between blocks
        headers = header + [""] * max(0, len(cells) - len(header))
        if any(not h and c not in (None, "") for h, c in zip(headers, cells, strict=False)):
            errors.append(RowError(name, number, None, _("Satırda başlığı olmayan bir sütunda değer var.")))
        records.append({h: c for h, c in zip(header, cells, strict=False) if h})
        numbers.append(number)
    return header, records, numbers, errors


def _write_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        # Whole numbers as integers so that Excel shows 950000, not 950000.0000.
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral_value() else normal
    # A narrative starting with = + - @ stays text in Excel; the import removes the apostrophe again.
    return formula_escape(value)


def workbook_build(sheets: Mapping[str, Iterable[Mapping[str, Any]]], *, with_instructions: bool = True) -> bytes:
    """Return an .xlsx with one sheet per kind (header, rows, drop-down lists) and the instructions sheet."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    if with_instructions:
        _instructions(book.create_sheet(str(INSTRUCTIONS_SHEET)))
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for name in WORKBOOK_SHEETS:
        sheet = book.create_sheet(name)
        columns = [c.name for c in SHEETS[name]]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = header_font
            cell.fill = header_fill
        for row in sheets.get(name, ()):
            sheet.append([_write_value(row.get(c)) for c in columns])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(12, min(40, len(column) + 4))
            allowed = ENUMERATIONS.get(column)
            if allowed:
                validation = DataValidation(
                    type="list",
                    formula1=f'"{",".join(allowed)}"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle=_("Geçersiz değer"),
                    error=_("Şunlardan biri olmalı: %(allowed)s") % {"allowed": ", ".join(allowed)},
                )
                validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
                sheet.add_data_validation(validation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_build() -> bytes:
    """Return the blank import template: every sheet with its header, lists and the instructions."""
    return workbook_build({})


def _instructions(sheet: Any) -> None:
    """Fill the instructions sheet (in the active language): the rules, then every sheet's columns."""
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    lines: list[tuple[str, str, str]] = [
        (_("İçe aktarma çalışma kitabı"), "", ""),
        (
            _("Genel kurallar"),
            "",
            _(
                "Her sayfanın ilk satırı başlıktır; sütun adlarını değiştirmeyin. Kayıtlar kodlarıyla "
                "(ve yıllarıyla) eşleştirilir: aynı dosyayı yeniden yüklemek hiçbir şeyi değiştirmez, değişen "
                "bir hücre kaydını yerinde günceller ve değişiklik geçmişine yazılır. Hiçbir kayıt silinmez. "
                "Dosyada tek bir hata varsa hiçbir şey yazılmaz; her hata sayfa, satır ve sütunuyla gösterilir."
            ),
        ),
        (
            _("Sayılar"),
            "",
            _("Sayı hücresi olarak ya da Türkçe biçimde metin olarak yazılabilir: 1.009.098 veya 18,99 veya -1,31."),
        ),
        (
            _("Seçenekler"),
            "",
            "; ".join(f"{column}: {' | '.join(values)}" for column, values in ENUMERATIONS.items()),
        ),
        (
            _("Kilitli dönemler"),
            "",
            _("Gönderilmiş ya da onaylanmış bir dönemin veya kapatılmış bir yılın üç aylık değerleri değiştirilemez."),
        ),
        ("", "", ""),
        (_("Sayfa"), _("Sütunlar (* zorunlu)"), _("Açıklama")),
    ]
    for name in WORKBOOK_SHEETS:
        columns = ", ".join(f"{c.name}{'*' if c.required and not c.optional_column else ''}" for c in SHEETS[name])
        lines.append((name, columns, str(SHEET_HELP.get(name, ""))))
    for line in lines:
        sheet.append(list(line))
    sheet["A1"].font = Font(bold=True, size=14)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
        row[0].font = bold
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 80
