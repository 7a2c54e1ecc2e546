"""XLSX in the official layout: merged headers, numeric cells, landscape A4, repeated header rows.

The workbook is write-only (openpyxl streams each row to its sheet's file as it is appended), so a
50.000-row table costs the memory of one row, not of 700.000 cell objects. Everything a row needs —
its height, its style, the merges it starts — is therefore known before it is appended: merges are
ranges kept until the sheet closes (a few per group, not per cell), a row's height is set just
before it is written and dropped after.

Every cell written carries one explicit font (FONT_NAME, FONT_SIZE), the empty cells of headers,
merges and tables included, so LibreOffice and Excel lay every sheet out alike. A percentage is
stored as the fraction it is (0.9618) with a percent format: Turkish Excel shows %96,18.
"""

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from core.numbers import percent_fraction
from core.spreadsheets import FONT_SIZE, font, formula_escape, number_format, percent_format
from exports.builders.layout import (
    NUMBER,
    PERCENT,
    YEAR,
    Column,
    Export,
    Note,
    Section,
    Table,
    group_spans,
    has_groups,
    is_integral,
    repeat_runs,
    wrapped_lines,
)

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {"header": PatternFill("solid", fgColor="D9E2F3"), "section": PatternFill("solid", fgColor="F2F2F2")}
TOP = Alignment(vertical="top")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
# Roles of the cells that are not table body: (bold, size, fill, bordered, alignment).
ROLES = {
    "title": (True, 12, None, False, TOP),
    "subtitle": (False, FONT_SIZE, None, False, TOP),
    "header": (True, FONT_SIZE, "header", True, CENTRE),
    "section": (True, FONT_SIZE, "section", True, WRAP),
    "trailer": (False, FONT_SIZE, None, True, WRAP),
    "trailer_label": (True, FONT_SIZE, None, True, WRAP),
    "note_title": (True, FONT_SIZE, "section", True, WRAP),
    "note": (False, FONT_SIZE, None, True, WRAP),
}
LINE_POINTS = 12.75  # one line of the 10 pt font, as Excel and LibreOffice lay it out


class _Styles:
    """Named cell styles, registered once per workbook and assigned by name.

    Assigning a border or a font cell by cell makes openpyxl hash the style objects for every
    cell; a named style is one copied array, which keeps 50.000-row tables fast.
    """

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.names: dict[tuple, str] = {}

    def _add(self, key: tuple, style: NamedStyle) -> str:
        style.name = f"goc_perf_{len(self.names)}"
        self.workbook.add_named_style(style)
        self.names[key] = style.name
        return style.name

    def body(self, *, number_format: str = "General", bold: bool = False, indent: int = 0) -> str:
        key = ("body", number_format, bold, indent)
        if key in self.names:
            return self.names[key]
        style = NamedStyle(name="_", number_format=number_format, font=font(bold=bold), border=BORDER)
        wrapped = number_format == "General"
        style.alignment = Alignment(wrap_text=True, vertical="top", indent=indent) if wrapped else TOP
        return self._add(key, style)

    def role(self, role: str) -> str:
        key = ("role", role)
        if key in self.names:
            return self.names[key]
        bold, size, fill, bordered, alignment = ROLES[role]
        style = NamedStyle(name="_", font=font(bold=bold, size=size), alignment=alignment)
        if fill:
            style.fill = FILLS[fill]
        if bordered:
            style.border = BORDER
        return self._add(key, style)


def _cell_value(value):
    """Return a cell as openpyxl writes it: a number as a number, text escaped so it is never a formula."""
    if isinstance(value, Decimal):
        return int(value) if is_integral(value) else float(value)
    return formula_escape(value)


def _height(lines: int) -> float:
    return LINE_POINTS * lines + 2


class _Sheet:
    """A write-only sheet and the number of its last row: rows appended whole, styled, with their height."""

    def __init__(self, workbook: Workbook, title: str, styles: _Styles, widths: Sequence[float]):
        self.sheet = workbook.create_sheet(title=title[:31])
        self.styles = styles
        self.row = 0
        self.width = len(widths)
        self.last_letter = get_column_letter(self.width)
        # Before the first row: the sheet's properties and columns come first in the file.
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def cell(self, value, style: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=_cell_value(value))
        cell.style = style
        return cell

    def append(self, cells: list, height: float | None = None) -> int:
        """Append one row of cells; return its number. Its height is kept only while it is written."""
        self.row += 1
        if height:
            self.sheet.row_dimensions[self.row].height = height
        self.sheet.append(cells)
        if height:
            del self.sheet.row_dimensions[self.row]
        return self.row

    def across(self, value, role: str, height: float | None = None) -> None:
        """Append one text merged across the sheet's columns (its covered cells styled too)."""
        style = self.styles.role(role)
        self.append([self.cell(value, style)] + [self.cell(None, style) for _ in range(self.width - 1)], height)
        self.merge(self.row, 1, self.row, self.width)

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
        # Kept as a range: the streamed cells are gone, so nothing is re-drawn cell by cell.
        self.sheet.merged_cells.add(
            CellRange(min_row=first_row, min_col=first_column, max_row=last_row, max_col=last_column)
        )

    def print_setup(self, *, title_rows: str) -> None:
        sheet = self.sheet
        sheet.print_title_rows = title_rows
        sheet.print_area = f"A1:{self.last_letter}{max(self.row, 1)}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.oddFooter.center.text = "&P / &N"


def is_flat(table: Table) -> bool:
    """Return whether a table is one plain list of rows (no group headings, merges or texts between)."""
    return (
        len(table.sections) == 1
        and not table.sections[0].headings
        and not table.sections[0].trailers
        and not any(column.merge_repeats for column in table.columns)
    )


def _write_header(out: _Sheet, columns: list[Column]) -> int:
    """Append the column header (one row, two when columns are grouped); return its last row."""
    style = out.styles.role("header")
    # Bold header words wrap about a tenth wider than the body's: as tall as the longest label needs.
    height = max(45, _height(max(wrapped_lines(column.label, column.width * 0.9) for column in columns)))
    if not has_groups(columns):
        return out.append([out.cell(column.label, style) for column in columns], height)
    spans = {first: last for first, last, _label in group_spans(columns)}
    covered = {index for first, last in spans.items() for index in range(first + 1, last + 1)}
    top = out.append(
        [out.cell(None if index in covered else (c.group or c.label), style) for index, c in enumerate(columns)],
        height,
    )
    out.append([out.cell(c.label if c.group else None, style) for c in columns])
    for index, column in enumerate(columns, start=1):
        if not column.group:
            out.merge(top, index, top + 1, index)
    for first, last in spans.items():
        if last > first:
            out.merge(top, first + 1, top, last + 1)
    return top + 1


def _write_table(workbook: Workbook, table: Table, title: str, subtitle: str, styles: _Styles, index: int) -> None:
    columns = table.columns
    out = _Sheet(workbook, table.sheet or f"Tablo {index + 1}", styles, [column.width for column in columns])
    out.sheet.freeze_panes = f"A{4 + has_groups(columns)}"  # below the header rows
    out.across(table.title, "title", _height(1) + 3)
    out.across(f"{title} · {subtitle}", "subtitle")
    header_last = _write_header(out, columns)
    formats = {i: percent_format(column.places) for i, column in enumerate(columns) if column.kind == PERCENT}
    for section in table.sections:
        _write_section(out, columns, section, formats)
    if is_flat(table) and out.row > header_last:
        out.sheet.auto_filter.ref = f"A{header_last}:{out.last_letter}{out.row}"
    out.print_setup(title_rows=f"3:{header_last}")


def _cell_style(styles: _Styles, column: Column, value, row, index: int, formats: dict[int, str]) -> str:
    if column.kind == PERCENT:
        display = formats[index]
    elif column.kind == NUMBER and isinstance(value, Decimal):
        display = number_format(value, row.places)
    elif column.kind == YEAR:
        display = "0"
    else:
        display = "General"
    return styles.body(number_format=display, bold=row.emphasis, indent=row.level if index == 0 else 0)


def _write_section(out: _Sheet, columns: list[Column], section: Section, formats: dict[int, str]) -> None:
    """Append a section's headings, rows (runs of equal cells merged) and trailing texts."""
    table_chars = sum(column.width for column in columns)
    for label, text in section.headings:
        heading = f"{label}: {text}" if text else label
        out.across(heading, "section", _height(wrapped_lines(heading, table_chars)))
    runs = repeat_runs(section, columns)
    # The cells a merge covers stay empty (bordered and with the font).
    covered = {(offset, index) for index, first, last in runs for offset in range(first + 1, last + 1)}
    lines = _row_lines(columns, section, runs)
    first_row = out.row + 1
    for offset, row in enumerate(section.rows):
        cells = []
        for index, column in enumerate(columns):
            value: Any = None if (offset, index) in covered else row.cells[index]
            style = _cell_style(out.styles, column, value, row, index, formats)
            rate = column.kind == PERCENT and isinstance(value, Decimal | int)
            cells.append(out.cell(percent_fraction(value, column.places) if rate else value, style))
        out.append(cells, _height(lines[offset]) if lines[offset] > 1 else None)
    for index, first, last in runs:
        out.merge(first_row + first, index + 1, first_row + last, index + 1)
    for label, text in section.trailers:
        trailer = f"{label}: {text}" if text else label
        out.across(trailer, "trailer" if text else "trailer_label", _height(wrapped_lines(trailer, table_chars)))


def _row_lines(columns: list[Column], section: Section, runs) -> list[int]:
    """Return each row's number of lines of wrapped text, merged runs included (neither program fits a merge).

    A cell merged over a run of rows needs the run's rows together to hold its lines; what the rows
    lack is added to the run's last row.
    """
    merged = {(first + offset, index) for index, first, last in runs for offset in range(last - first + 1)}
    lines = [
        max(
            (
                wrapped_lines(cell, column.width)
                for index, (cell, column) in enumerate(zip(row.cells, columns, strict=True))
                if isinstance(cell, str) and (offset, index) not in merged
            ),
            default=1,
        )
        for offset, row in enumerate(section.rows)
    ]
    for index, first, last in runs:
        needed = wrapped_lines(section.rows[first].cells[index] or "", columns[index].width)
        have = sum(lines[first : last + 1])
        if needed > have:
            lines[last] += needed - have
    return lines


NOTE_WIDTHS = [45, 120]


def _write_notes(workbook: Workbook, notes: list[Note], styles: _Styles) -> None:
    """The notes' sheet (Form-3's quarterly narratives): each note a group header over its rows, the
    indicator's name beside each text, the column header repeated on every printed page."""
    out = _Sheet(workbook, _("Değerlendirmeler"), styles, NOTE_WIDTHS)
    header = styles.role("header")
    out.append([out.cell(_("Gösterge"), header), out.cell(_("Açıklama"), header)], _height(1) + 4)
    out.sheet.freeze_panes = "A2"
    text = styles.role("note")
    for note in notes:
        out.across(note.title, "note_title", _height(wrapped_lines(note.title, sum(NOTE_WIDTHS))))
        for label, body in note.items:
            lines = max(wrapped_lines(label, NOTE_WIDTHS[0]), wrapped_lines(body, NOTE_WIDTHS[1]))
            out.append([out.cell(label, text), out.cell(body, text)], _height(lines) if lines > 1 else None)
    out.print_setup(title_rows="1:1")


def render_xlsx(export: Export) -> bytes:
    """Return the export's document as an XLSX workbook: one sheet per table, notes on their own sheet."""
    document = export.document
    workbook = Workbook(write_only=True)
    styles = _Styles(workbook)
    for index, table in enumerate(document.tables):
        _write_table(workbook, table, document.title, document.subtitle, styles, index)
    if document.notes:
        _write_notes(workbook, document.notes, styles)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
