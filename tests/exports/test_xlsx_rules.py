"""The XLSX rules of issue 19, read back from the files the command writes: one font on every cell,
percentages as real percentages, an autofilter on every flat table, narratives printing with their
indicator names."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import Administration
from core.numbers import percent_fraction
from core.spreadsheets import FONT_NAME
from exports.builders.layout import PERCENT
from exports.choices import Report
from exports.registry import REPORT_RENDERERS
from exports.renderers.xlsx import is_flat
from exports.services import export_build
from indicators.models import PPIndicator

pytestmark = pytest.mark.django_db

YEAR = 2024
# The reports made as tables (the annual report is a DOCX/PDF document of its own).
TABLE_REPORTS = [report for report in Report.values if report not in REPORT_RENDERERS]


def _workbook(tmp_path: Path, report: str, language: str = "tr"):
    out = tmp_path / f"{report}.xlsx"
    call_command(
        "export_report", year=YEAR, report=report, format="xlsx", out=str(out), language=language, stdout=io.StringIO()
    )
    return load_workbook(out)


@pytest.mark.parametrize("report", TABLE_REPORTS)
def test_every_cell_of_every_sheet_has_the_one_explicit_font(demo, tmp_path, report):
    _workbook(tmp_path, report)
    # Read as written: a full load turns the cells a merge covers into style-less MergedCells.
    workbook = load_workbook(tmp_path / f"{report}.xlsx", read_only=True)
    for sheet in workbook.worksheets:
        rows = [tuple(row) for row in sheet.iter_rows()]
        # Every row holds every column's cell: titles, the empty cells of merges and headers, the body.
        assert {len(row) for row in rows} == {max(len(row) for row in rows)}, sheet.title
        fonts = {(cell.font.name, cell.font.sz) for row in rows for cell in row}
        assert {name for name, _size in fonts} == {FONT_NAME}, sheet.title
        assert {size for _name, size in fonts} <= {10, 12}, sheet.title


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("report", TABLE_REPORTS)
def test_every_rate_is_a_fraction_under_a_percent_format(demo, tmp_path, report, language):
    workbook = _workbook(tmp_path, report, language)
    with translation.override(language):
        export = export_build(administration=Administration.objects.get(), year=YEAR, report=report)
    for table in export.document.tables:
        sheet = workbook[table.sheet]
        header_rows = 2 if any(column.group for column in table.columns) else 1
        for index, column in enumerate(table.columns):
            if column.kind != PERCENT:
                continue
            expected = [
                float(percent_fraction(row.cells[index], column.places))
                for section in table.sections
                for row in section.rows
                if isinstance(row.cells[index], Decimal)
            ]
            cells = [
                row[index]
                for row in sheet.iter_rows(min_row=3 + header_rows)
                if isinstance(row[index].value, int | float) and not isinstance(row[index].value, bool)
            ]
            assert [cell.value for cell in cells] == expected, (table.sheet, column.label)
            assert expected, (table.sheet, column.label)
            assert {cell.number_format for cell in cells} == {"%0.00" if language == "tr" else "0.00%"}


def test_the_form3_rate_of_gyh01_reads_as_printed(demo, tmp_path):
    sheet = _workbook(tmp_path, "form3")["Form-3"]
    row = next(row for row in sheet.iter_rows(min_row=5) if row[1].value == "Aktif ikamet izni sayısı")
    # 913.719 ÷ 950.000 = %96,18 in the 2024 report: the cell holds 0,9618 and shows %96,18.
    assert row[12].value == 0.9618 and row[12].number_format == "%0.00"


@pytest.mark.parametrize("report", TABLE_REPORTS)
def test_every_flat_table_has_an_autofilter_over_its_header_and_rows(demo, tmp_path, report):
    workbook = _workbook(tmp_path, report)
    export = export_build(administration=Administration.objects.get(), year=YEAR, report=report)
    for table in export.document.tables:
        sheet = workbook[table.sheet]
        if not is_flat(table):
            assert not sheet.auto_filter.ref, table.sheet  # a filter would tear the merged groups apart
            continue
        header = 3 + (1 if any(column.group for column in table.columns) else 0)
        last_column = sheet.cell(row=header, column=len(table.columns)).column_letter
        assert sheet.auto_filter.ref == f"A{header}:{last_column}{sheet.max_row}"
        assert any(cell.value for cell in sheet[sheet.max_row])  # the filter reaches the last row (the total)


def test_budget_tables_are_flat_and_filtered(demo, tmp_path):
    workbook = _workbook(tmp_path, "budget_economic")
    assert all(workbook[name].auto_filter.ref for name in workbook.sheetnames)


def test_narratives_print_with_their_indicator_names_and_the_header_on_every_page(demo, tmp_path):
    sheet = _workbook(tmp_path, "form3")["Değerlendirmeler"]
    assert [sheet["A1"].value, sheet["B1"].value] == ["Gösterge", "Açıklama"]
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_area == f"'Değerlendirmeler'!$A$1:$B${sheet.max_row}"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.orientation == "landscape"
    names = set(PPIndicator.objects.values_list("name", flat=True))
    group, narratives = "", []
    for label, text in sheet.iter_rows(min_row=2, values_only=True):
        if text is None:  # a note's title, merged across both columns
            group = label
        elif group.startswith("Değerlendirme "):
            narratives.append(label)
    assert narratives and set(narratives) <= names  # each quarter's text beside its indicator's name


def test_table_sheets_print_their_header_rows_within_their_area(demo, tmp_path):
    sheet = _workbook(tmp_path, "form3")["Form-3"]
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.print_area == f"'Form-3'!$A$1:$N${sheet.max_row}"
