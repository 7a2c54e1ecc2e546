"""The "CSV (Excel, Türkçe)" of the year-end reports and of the page tables, read as bytes: BOM, `;`,
decimal comma, Turkish headers, codes kept as text, formula text neutralised; and the table downloads'
XLSX with real number and percent formats."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from core.numbers import percent_fraction
from core.spreadsheets import FONT_NAME, excel_csv_number, excel_csv_text
from exports.builders.layout import Document, Export
from exports.choices import Format, Report
from exports.registry import REPORT_RENDERERS
from exports.renderers.csv import EXCEL_COLUMNS, render_csv_excel
from exports.services import export_render
from indicators.models import PPIndicator, PPIndicatorResult

LINK = '=HYPERLINK("https://saldirgan.example/x","Tıklayın")'


def _rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_bytes_have_the_bom_semicolons_decimal_commas_codes_as_text_and_no_formula():
    export = Export(
        document=Document(title="T", subtitle="S", tables=[]),
        csv_header=["year", "econ_code", "description", "kbo", "realization_pct"],
        csv_rows=[[2024, "03.2", LINK, "2124658000", "98.5746"], [2024, "01", "Personel; Giderleri", "5", "-6.2500"]],
    )
    content = render_csv_excel(export)
    assert content.startswith("\ufeffYıl;Ekonomik Kod;Açıklama;KBÖ;Gerçekleşme Yüzdesi (%)\r\n".encode())
    lines = content.decode("utf-8-sig").split("\r\n")
    # 03.2 and 01 are written as the formula of a text literal: Excel shows them as typed, not a date or 1.
    # The link is text behind an apostrophe, quoted because it holds quotes.
    assert lines[1] == '2024;"=""03.2""";"\'' + LINK.replace('"', '""') + '";2124658000;98,5746'
    assert _rows(content)[2] == ["2024", '="01"', "Personel; Giderleri", "5", "-6,2500"]


@pytest.mark.parametrize(
    ("value", "written"),
    [("03.2", '="03.2"'), ("01", '="01"'), ("IGIM.01", "IGIM.01"), ("GYH.01", "GYH.01"), ("=1+1", "'=1+1"), ("", "")],
)
def test_a_text_cell_is_kept_as_typed(value, written):
    assert excel_csv_text(value) == written


def test_a_figure_has_a_decimal_comma_and_no_grouping():
    assert excel_csv_number("1009098") == "1009098"
    assert excel_csv_number(Decimal("37.988827"), 2) == "37,99"
    assert excel_csv_number(None) == ""


def test_every_machine_column_has_a_turkish_header():
    from exports.builders import audit_readiness, budget, form3, form4, program_structure, sp_evaluation

    headers = [
        *form3.CSV_HEADER,
        *form4.CSV_HEADER,
        *sp_evaluation.CSV_HEADER,
        *program_structure.CSV_HEADER,
        *budget.ECONOMIC_CSV_HEADER,
        *budget.PROGRAM_CSV_HEADER,
        *budget.UNIT_CSV_HEADER,
        *audit_readiness.CSV_HEADER,
    ]
    assert set(headers) <= set(EXCEL_COLUMNS)


# The reports made as tables (the annual report is a DOCX/PDF document of its own).
TABLE_REPORTS = [report for report in Report.values if report not in REPORT_RENDERERS]


@pytest.mark.django_db
@pytest.mark.parametrize("report", TABLE_REPORTS)
def test_every_report_has_the_same_rows_and_figures_as_the_machine_csv(demo, report):
    machine = list(
        csv.reader(io.StringIO(export_render(administration=demo, year=2024, report=report, fmt="csv").decode()))
    )
    excel = _rows(export_render(administration=demo, year=2024, report=report, fmt=Format.CSV_EXCEL))
    assert len(excel) == len(machine)
    assert excel[0] == [EXCEL_COLUMNS[h][0] if h != "unit" or report == "form3" else "Birim" for h in machine[0]]
    for exact, turkish in zip(machine[1:], excel[1:], strict=True):
        for header, a, b in zip(machine[0], exact, turkish, strict=True):
            if EXCEL_COLUMNS[header][1]:
                assert b == a.replace(".", ","), header  # the same figure, with the decimal comma
            elif re.fullmatch(r"[0-9][0-9.,/:\- ]*", a):
                assert b == f'="{a}"', header
            else:
                assert b == a, header


@pytest.mark.django_db
def test_the_command_writes_the_turkish_excel_csv(demo, tmp_path):
    out = tmp_path / "butce.csv"
    call_command(
        "export_report", year=2024, report="budget_economic", format="csv_excel", out=str(out), stdout=io.StringIO()
    )
    rows = _rows(out.read_bytes())
    assert rows[0][:3] == ["Yıl", "Ekonomik Kod", "Açıklama"]
    assert rows[1][1] == '="01"' and rows[1][2] == "Personel Giderleri"
    assert rows[-1][9].count(",") == 1  # the total's realization: 94,2114


@pytest.mark.django_db
def test_the_exports_page_offers_the_turkish_excel_csv(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    page = client.get("/disa-aktarma/").content.decode()
    assert 'value="csv_excel"' in page and "CSV (Excel, Türkçe)" in page


@pytest.mark.django_db
def test_the_indicator_table_downloads_rates_as_percentages_and_figures_with_formats(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.get("/panel/gostergeler/", {"year": 2024, "_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    rate_column = header.index("Gerçekleşme oranı")
    code_column = header.index("Kod")
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=len(header)).column_letter}{sheet.max_row}"
    assert {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None} == {FONT_NAME}
    rates = {r.indicator.code: r.realization_rate for r in PPIndicatorResult.objects.select_related("indicator")}
    checked = 0
    for row in sheet.iter_rows(min_row=2):
        expected = rates.get(row[code_column].value)
        if expected is None:
            continue
        cell = row[rate_column]
        assert cell.value == float(percent_fraction(expected)) and cell.number_format == "%0.00"
        checked += 1
    assert checked > 10
    dg02 = next(row for row in sheet.iter_rows(min_row=2) if row[code_column].value == "DG.02")
    target_column = header.index("Hedeflenen değer")
    assert dg02[target_column].number_format == "#,##0." + "0" * PPIndicator.objects.get(code="DG.02").decimals


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/panel/gostergeler/", "/butce/satirlar/"])
def test_the_page_tables_download_as_turkish_excel_csv(client, demo, url):
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.get(url, {"year": 2024, "_export": "csv_excel"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-excel.csv"')
    rows = _rows(response.content)
    assert len(rows) > 2 and all(len(row) == len(rows[0]) for row in rows)
    figures = [cell for row in rows[1:] for cell in row if re.fullmatch(r"-?[0-9]+,[0-9]+", cell)]
    assert figures  # decimal commas
    assert not [cell for row in rows for cell in row if re.fullmatch(r"-?[0-9]+\.[0-9]+", cell)]
