"""XLSX in the official layout: merged headers, numeric cells, landscape A4, repeated header rows."""

import io
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from core.spreadsheets import formula_escape
from exports.builders.layout import (
    NUMBER,
    PERCENT,
    YEAR,
    Column,
    Export,
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
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")


class _Styles:
    """Named cell styles, registered once per workbook and assigned by name.

    Assigning a border or a font cell by cell makes openpyxl hash the style objects for every
    cell; a named style is one copied array, which keeps 50.000-row tables fast.
    """

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.names: dict[tuple, str] = {}

    def get(self, *, number_format: str = "General", bold: bool = False, indent: int = 0) -> str:
        key = (number_format, bold, indent)
        if key not in self.names:
            name = f"goc_perf_{len(self.names)}"
            style = NamedStyle(name=name, number_format=number_format)
            style.font = BOLD if bold else Font()
            style.alignment = (
                Alignment(wrap_text=True, vertical="top", indent=indent)
                if number_format == "General"
                else Alignment(vertical="top")
            )
            style.border = BORDER
            self.workbook.add_named_style(style)
            self.names[key] = name
        return self.names[key]


def percent_format(places: int) -> str:
    """Return the display format of a percentage kept as a number: %96 in Turkish, 96% in English."""
    digits = "0" if places == 0 else "0." + "0" * places
    return f'"%"{digits}' if (get_language() or "tr")[:2] == "tr" else f'{digits}"%"'


def number_format(value: Decimal, places: int | None = None) -> str:
    """Return a figure's display format: with `places` (an indicator's own decimals) exactly those.

    Excel writes the grouping and the decimal point in the reader's locale: 1.009.098 and 18,99 in Turkish.
    """
    if places is not None:
        return "#,##0" if places == 0 else "#,##0." + "0" * places
    return "#,##0" if is_integral(value) else "#,##0.00##"


def _cell_value(value):
    """Return a cell as openpyxl writes it: a number as a number, text escaped so it is never a formula."""
    if isinstance(value, Decimal):
        return int(value) if is_integral(value) else float(value)
    return formula_escape(value)


def _write_table(sheet: Worksheet, table: Table, title: str, subtitle: str, styles: _Styles) -> None:
    columns = table.columns
    width = len(columns)
    last_letter = get_column_letter(width)
    sheet.append([_cell_value(table.title)])
    sheet.merge_cells(f"A1:{last_letter}1")
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([_cell_value(f"{title} · {subtitle}")])
    sheet.merge_cells(f"A2:{last_letter}2")
    header_top = 3
    grouped = has_groups(columns)
    header_rows = 2 if grouped else 1
    top = [column.group or column.label for column in columns]
    sheet.append([_cell_value(label) for label in top])
    if grouped:
        sheet.append([_cell_value(column.label) if column.group else None for column in columns])
        for index, column in enumerate(columns, start=1):
            if not column.group:
                sheet.merge_cells(start_row=header_top, start_column=index, end_row=header_top + 1, end_column=index)
        for first, last, _label in group_spans(columns):
            if last > first:
                sheet.merge_cells(start_row=header_top, start_column=first + 1, end_row=header_top, end_column=last + 1)
    for row in sheet.iter_rows(min_row=header_top, max_row=header_top + header_rows - 1, max_col=width):
        for cell in row:
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = CENTRE
            cell.border = BORDER
    # Bold header words wrap about a tenth wider than the body's: as tall as the longest label needs.
    header_lines = max(wrapped_lines(column.label, column.width * 0.9) for column in columns)
    sheet.row_dimensions[header_top].height = max(45, _height(header_lines))
    first_data = header_top + header_rows
    sheet.freeze_panes = f"A{first_data}"  # a coordinate, not a cell: creating the cell would shift appends
    sheet.print_title_rows = f"{header_top}:{first_data - 1}"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    formats = {index: percent_format(column.places) for index, column in enumerate(columns) if column.kind == PERCENT}
    current = first_data - 1
    for section in table.sections:
        current = _write_section(sheet, columns, section, formats, current, styles)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"


def _write_section(
    sheet: Worksheet, columns: list[Column], section: Section, formats: dict[int, str], current: int, styles: _Styles
) -> int:
    """Write a section's headings and rows below row `current`; return the last row written.

    Rows are counted here: the worksheet's own `max_row` scans every cell, once per call.
    """
    width = len(columns)
    table_chars = sum(column.width for column in columns)
    for label, text in section.headings:
        current += 1
        cell = sheet.cell(row=current, column=1, value=_cell_value(f"{label}: {text}" if text else label))
        sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
        cell.font = BOLD
        cell.fill = SECTION_FILL
        cell.alignment = WRAP
        sheet.row_dimensions[current].height = _height(wrapped_lines(cell.value, table_chars))
    first_row = current + 1
    runs = repeat_runs(section, columns)
    # The cells a merge covers stay empty (bordered), so the merge needs no rewriting of cells.
    covered = {(offset, index) for index, first, last in runs for offset in range(first + 1, last + 1)}
    for offset, row in enumerate(section.rows):
        current += 1
        for index, column in enumerate(columns):
            value = None if (offset, index) in covered else row.cells[index]
            if column.kind == PERCENT:
                display = formats[index]
            elif column.kind == NUMBER and isinstance(value, Decimal):
                display = number_format(value, row.places)
            elif column.kind == YEAR:
                display = "0"
            else:
                display = "General"
            cell = sheet.cell(row=current, column=index + 1, value=_cell_value(value))
            cell.style = styles.get(number_format=display, bold=row.emphasis, indent=row.level if index == 0 else 0)
    _fit_row_heights(sheet, columns, section, runs, first_row)
    for label, text in section.trailers:
        current += 1
        cell = sheet.cell(row=current, column=1, value=_cell_value(f"{label}: {text}" if text else label))
        sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
        cell.font = Font(bold=not text)
        cell.alignment = WRAP
        sheet.row_dimensions[current].height = _height(wrapped_lines(cell.value, table_chars))
    for index, first, last in runs:
        # Added as a range: Worksheet.merge_cells would re-draw the borders cell by cell, slowly.
        sheet.merged_cells.add(
            MergedCellRange(
                sheet,
                f"{get_column_letter(index + 1)}{first_row + first}:{get_column_letter(index + 1)}{first_row + last}",
            )
        )
    return current


LINE_POINTS = 12.75  # one line of the 10 pt default font, as Excel and LibreOffice lay it out


def _height(lines: int) -> float:
    return LINE_POINTS * lines + 2


def _fit_row_heights(sheet: Worksheet, columns: list[Column], section: Section, runs, first_row: int) -> None:
    """Set each row's height to its wrapped text, merged runs included (neither program does it for a merge).

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
    for offset, count in enumerate(lines):
        if count > 1:
            sheet.row_dimensions[first_row + offset].height = _height(count)


def render_xlsx(export: Export) -> bytes:
    """Return the export's document as an XLSX workbook: one sheet per table, notes on their own sheet."""
    document = export.document
    workbook = Workbook()
    styles = _Styles(workbook)
    first = workbook.active
    for index, table in enumerate(document.tables):
        sheet = first if index == 0 else workbook.create_sheet()
        sheet.title = (table.sheet or f"Tablo {index + 1}")[:31]
        _write_table(sheet, table, document.title, document.subtitle, styles)
    if document.notes:
        notes = workbook.create_sheet(title=_("Değerlendirmeler")[:31])
        notes.column_dimensions["A"].width = 45
        notes.column_dimensions["B"].width = 120
        current = 0
        for note in document.notes:
            current += 1
            notes.cell(row=current, column=1, value=_cell_value(note.title)).font = BOLD
            notes.merge_cells(start_row=current, start_column=1, end_row=current, end_column=2)
            for label, text in note.items:
                current += 1
                notes.cell(row=current, column=1, value=_cell_value(label)).alignment = WRAP
                notes.cell(row=current, column=2, value=_cell_value(text)).alignment = WRAP
        notes.page_setup.orientation = "landscape"
        notes.page_setup.paperSize = notes.PAPERSIZE_A4
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
