"""Text cells a spreadsheet must never read as a formula: the one escaping rule of every XLSX and CSV we write.

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` (and, in CSV,
a tab or carriage return before them) as a formula, so `=HYPERLINK(...)` typed in a narrative would
become a live link in the directorate's export (OWASP "CSV injection"). Every writer — the year-end
exports (exports/renderers), the table downloads (core.tables.SafeTableExport) and the data workbook
(imports/workbook.py) — passes its text cells through `formula_escape`, which puts an apostrophe in
front; the spreadsheet then shows the text as it was typed, after the apostrophe. Numbers are never
touched (a negative number stays a number). The import reads its text cells through
`formula_unescape`, which removes exactly the apostrophe `formula_escape` added, so export → import
keeps the user's text exactly. A figure written as text (a CSV's "-6.2500", "-1,31") is a number to the
spreadsheet, not a formula, and is left as it is.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from django.utils.translation import get_language
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from core.numbers import RATE_PLACES, percent_fraction

# What makes a spreadsheet read a text cell as a formula (or hide one behind a tab or CR).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# A text that already starts with the escape is escaped too, so that reading back is exact.
_ESCAPED_PREFIXES = (*FORMULA_PREFIXES, ESCAPE)
# A number written as text: a sign, then only digits and separators. No formula fits in it.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")


def formula_escape(value: Any) -> Any:
    """Return a text cell with an apostrophe before a formula character; any other value unchanged."""
    if isinstance(value, str) and value.startswith(_ESCAPED_PREFIXES) and not _PLAIN_NUMBER.fullmatch(value):
        return ESCAPE + value
    return value


def formula_unescape(value: Any) -> Any:
    """Return a text cell without the apostrophe `formula_escape` put before it; any other value unchanged."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:].startswith(_ESCAPED_PREFIXES):
        return value[1:]
    return value


# --- The look of every XLSX we write (year-end exports and table downloads) ----------------------

FONT_NAME = "Arial"  # Liberation Sans in LibreOffice: the same widths, so the row heights hold in both
FONT_SIZE = 10


def font(*, bold: bool = False, size: int = FONT_SIZE) -> Font:
    """Return the one font of every cell we write (a title is the same font, larger)."""
    return Font(name=FONT_NAME, size=size, bold=bold)


def percent_format(places: int = RATE_PLACES, language: str | None = None) -> str:
    """Return the format of a percentage stored as a fraction: %96,18 in Turkish, 96.18% in English.

    The `%` is unquoted, so the spreadsheet multiplies the fraction (core.numbers.percent_fraction)
    by a hundred as it shows it, and the reader's locale writes the decimal comma.
    """
    digits = "0" if places == 0 else "0." + "0" * places
    return f"%{digits}" if (language or get_language() or "tr")[:2] == "tr" else f"{digits}%"


def number_format(value: Decimal | int, places: int | None = None) -> str:
    """Return a figure's display format: with `places` (an indicator's own decimals) exactly those.

    Excel writes the grouping and the decimal point in the reader's locale: 1.009.098 and 18,99 in Turkish.
    """
    if places is not None:
        return "#,##0" if places == 0 else "#,##0." + "0" * places
    return "#,##0" if Decimal(value) == Decimal(value).to_integral_value() else "#,##0.00##"


# --- CSV for a double click in Turkish Excel ---------------------------------------------------------

EXCEL_CSV_DELIMITER = ";"  # Turkish Excel's list separator: the comma is its decimal mark
# A text Excel would turn into a number or a date on opening (the economic code 03.2 → 3 February,
# 01 → 1): written as the formula of a text literal, ="03.2", it stays the text it is.
_EXCEL_WOULD_CONVERT = re.compile(r"[0-9][0-9.,/:\- ]*")


def excel_csv_text(value: Any) -> Any:
    """Return a text cell of the Turkish-Excel CSV: formula-safe, and kept as text when Excel would convert it."""
    if isinstance(value, str) and _EXCEL_WOULD_CONVERT.fullmatch(value):
        return '="' + value.replace('"', '""') + '"'
    return formula_escape(value)


def excel_csv_number(value: Any, places: int | None = None) -> str:
    """Return a figure for the Turkish-Excel CSV: decimal comma, no grouping ('96,18'); '' when missing.

    With `places` the figure is rounded half-up to them (as the page shows it), else written exactly.
    """
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{number:f}".replace(".", ",")


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Return rows whose cells are already converted (excel_csv_text, excel_csv_number) as the file's bytes:
    UTF-8 with a byte-order mark (so Excel reads the Turkish letters), `;` between cells, CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=EXCEL_CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([excel_csv_text(label) for label in header])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


# --- A page's table as a workbook (the table downloads of core.tables.SafeTableExport) --------------


def table_xlsx(title: str, headers: Sequence[str], kinds: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Return one flat table as an XLSX: a bold header row (frozen, with an autofilter), one font on
    every cell, each figure a number with its format and each rate a fraction under a percent format.

    `kinds` says per column "text", "number" or "percent"; each row's cells are (value, decimals).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31] or "1")
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(header) + 4, 12), 60)
    sheet.freeze_panes = "A2"
    styles: dict[tuple, NamedStyle] = {}

    def cell(value: Any, *, bold: bool = False, number_format: str = "General") -> WriteOnlyCell:
        key = (bold, number_format)
        if key not in styles:
            styles[key] = NamedStyle(name=f"goc_perf_table_{len(styles)}", font=font(bold=bold))
            styles[key].number_format = number_format
            styles[key].alignment = Alignment(vertical="top", wrap_text=number_format == "General")
            workbook.add_named_style(styles[key])
        written = WriteOnlyCell(sheet, value=value)
        written.style = styles[key].name
        return written

    sheet.append([cell(formula_escape(header), bold=True) for header in headers])
    count = 0
    for row in rows:
        count += 1
        sheet.append([_table_cell(cell, kind, value, places) for kind, (value, places) in zip(kinds, row, strict=True)])
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table_cell(cell, kind: str, value: Any, places: int | None):
    if kind == "percent" and isinstance(value, Decimal | int):
        fraction = cast(Decimal, percent_fraction(value, places or 0))  # not None: value is a number
        return cell(float(fraction), number_format=percent_format(places or 0))
    if kind == "number" and isinstance(value, Decimal | int):
        figure = int(value) if Decimal(value) == Decimal(value).to_integral_value() else float(value)
        return cell(figure, number_format=number_format(value, places))
    return cell(formula_escape(value))
