"""XLSX in the official layout: merged headers, numeric cells, landscape A4, repeated header rows."""

import io
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
)

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")


def percent_format(places: int) -> str:
    """Return the display format of a percentage kept as a number: %96 in Turkish, 96% in English."""
    digits = "0" if places == 0 else "0." + "0" * places
    return f'"%"{digits}' if (get_language() or "tr")[:2] == "tr" else f'{digits}"%"'


def number_format(value: Decimal) -> str:
    # Excel writes the grouping and the decimal point in the reader's locale: 1.009.098 and 18,99 in Turkish.
    return "#,##0" if is_integral(value) else "#,##0.00##"


def _cell_value(value):
    if isinstance(value, Decimal):
        return int(value) if is_integral(value) else float(value)
    return value


def _write_table(sheet: Worksheet, table: Table, title: str, subtitle: str) -> None:
    columns = table.columns
    width = len(columns)
    last_letter = get_column_letter(width)
    sheet.append([table.title])
    sheet.merge_cells(f"A1:{last_letter}1")
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([f"{title} · {subtitle}"])
    sheet.merge_cells(f"A2:{last_letter}2")
    header_top = 3
    grouped = has_groups(columns)
    header_rows = 2 if grouped else 1
    top = [column.group or column.label for column in columns]
    sheet.append(top)
    if grouped:
        sheet.append([column.label if column.group else None for column in columns])
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
    sheet.row_dimensions[header_top].height = 45
    first_data = header_top + header_rows
    sheet.freeze_panes = f"A{first_data}"  # a coordinate, not a cell: creating the cell would shift appends
    sheet.print_title_rows = f"{header_top}:{first_data - 1}"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    formats = {index: percent_format(column.places) for index, column in enumerate(columns) if column.kind == PERCENT}
    for section in table.sections:
        _write_section(sheet, columns, section, formats)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"


def _write_section(sheet: Worksheet, columns: list[Column], section: Section, formats: dict[int, str]) -> None:
    width = len(columns)
    for label, text in section.headings:
        sheet.append([f"{label}: {text}" if text else label])
        current = sheet.max_row
        sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
        cell = sheet.cell(row=current, column=1)
        cell.font = BOLD
        cell.fill = SECTION_FILL
        cell.alignment = WRAP
    first_row = sheet.max_row + 1
    for row in section.rows:
        sheet.append([_cell_value(value) for value in row.cells])
        current = sheet.max_row
        for index, column in enumerate(columns):
            cell = sheet.cell(row=current, column=index + 1)
            cell.border = BORDER
            value = row.cells[index]
            if column.kind == PERCENT:
                cell.number_format = formats[index]
            elif column.kind == NUMBER and isinstance(value, Decimal):
                cell.number_format = number_format(value)
            elif column.kind == YEAR:
                cell.number_format = "0"
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top", indent=row.level if index == 0 else 0)
            if row.emphasis:
                cell.font = BOLD
    _merge_repeats(sheet, columns, first_row, section)


def _merge_repeats(sheet: Worksheet, columns: list[Column], first_row: int, section: Section) -> None:
    """Merge each run of equal cells in the columns that ask for it (the printed table's layout)."""
    for index, column in enumerate(columns):
        if not column.merge_repeats:
            continue
        values = [row.cells[index] for row in section.rows]
        start = 0
        for position in range(1, len(values) + 1):
            if position == len(values) or values[position] != values[start]:
                if position - 1 > start:
                    sheet.merge_cells(
                        start_row=first_row + start,
                        start_column=index + 1,
                        end_row=first_row + position - 1,
                        end_column=index + 1,
                    )
                start = position


def render_xlsx(export: Export) -> bytes:
    """Return the export's document as an XLSX workbook: one sheet per table, notes on their own sheet."""
    document = export.document
    workbook = Workbook()
    first = workbook.active
    for index, table in enumerate(document.tables):
        sheet = first if index == 0 else workbook.create_sheet()
        sheet.title = (table.sheet or f"Tablo {index + 1}")[:31]
        _write_table(sheet, table, document.title, document.subtitle)
    if document.notes:
        notes = workbook.create_sheet(title=_("Değerlendirmeler")[:31])
        notes.column_dimensions["A"].width = 45
        notes.column_dimensions["B"].width = 120
        for note in document.notes:
            notes.append([note.title])
            notes.merge_cells(start_row=notes.max_row, start_column=1, end_row=notes.max_row, end_column=2)
            notes.cell(row=notes.max_row, column=1).font = BOLD
            for label, text in note.items:
                notes.append([label, text])
                for cell in notes[notes.max_row]:
                    cell.alignment = WRAP
        notes.page_setup.orientation = "landscape"
        notes.page_setup.paperSize = notes.PAPERSIZE_A4
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
