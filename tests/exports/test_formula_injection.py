"""Spreadsheet formula injection: a text typed by a user is never a live formula in any XLSX or CSV we
write (year-end exports, table downloads, the data workbook), figures stay numbers (negative ones too),
and the data workbook's round trip keeps the user's text exactly."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver
from django_tables2.export.views import ExportMixin
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from budget.models import EconomicCode
from core.spreadsheets import FORMULA_PREFIXES, formula_escape, formula_unescape
from core.tables import SafeTableExport
from exports.builders.layout import NUMBER, TEXT, Column, Document, Export, Row, Section, Table
from exports.renderers import render_csv, render_xlsx
from exports.services import export_render
from imports.selectors import administration_sheets
from imports.services import workbook_import
from imports.workbook import read_workbook, workbook_build
from indicators.models import PPIndicator, QuarterlyValue

LINK = '=HYPERLINK("https://saldirgan.example/x","Tıklayın")'
TEXTS = [LINK, "+SUM(1;2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", TEXTS)
def test_a_formula_text_gets_an_apostrophe_and_reads_back_the_same(text):
    assert formula_escape(text) == "'" + text
    assert formula_unescape(formula_escape(text)) == text


@pytest.mark.parametrize(
    "value", [Decimal("-1.31"), -5, 2.5, None, True, "Göç", "", "a=b", "'alıntı", "-6.2500", "-1.009.098,5", "+90"]
)
def test_numbers_and_plain_text_are_left_alone_and_read_back_the_same(value):
    escaped = formula_escape(value)
    if not (isinstance(value, str) and value.startswith("'")):
        assert escaped == value
    assert formula_unescape(escaped) == value


@given(st.text())
def test_unescape_undoes_escape_for_every_text(text):
    escaped = formula_escape(text)
    assert formula_unescape(escaped) == text
    assert not escaped.startswith(FORMULA_PREFIXES) or _is_number(escaped.replace(",", "."))


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _no_formula(cells) -> None:
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert formulas == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(FORMULA_PREFIXES) and not _is_number(t.replace(",", "."))]


@pytest.fixture
def poisoned(demo):
    """The demo with formula texts typed into a narrative, an indicator's name and an economic code's name."""
    value = QuarterlyValue.objects.filter(indicator__code="GYH.01", quarter=1).get()
    value.narrative = LINK
    value.save(update_fields=["narrative"])
    PPIndicator.objects.filter(code="GYH.01").update(name="+SUM(1;2) göstergesi")
    code = EconomicCode.objects.filter(budget_lines__year=2024).first()
    code.name = "-2+3 ekonomik kod"
    code.save(update_fields=["name"])
    return demo


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["form3", "form4", "budget_economic"])
def test_year_end_xlsx_has_no_formula_and_keeps_numbers(poisoned, report):
    cells = _cells(export_render(administration=poisoned, year=2024, report=report, fmt="xlsx"))
    _no_formula(cells)
    values = [c.value for c in cells]
    if report == "form3":
        assert "'" + LINK in values
    if report in ("form3", "form4"):
        assert "'+SUM(1;2) göstergesi" in values
    else:
        assert "'-2+3 ekonomik kod" in values
    assert any(isinstance(v, int | float) for v in values)


@pytest.mark.django_db
def test_year_end_csv_escapes_text_and_not_negative_numbers(poisoned):
    text = export_render(administration=poisoned, year=2024, report="budget_economic", fmt="csv").decode()
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert "'-2+3 ekonomik kod" in cells
    numbers = [cell for row in rows[1:] for cell in row[3:] if cell]
    assert [cell for cell in numbers if not _is_number(cell)] == []  # every figure is a plain number
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell)]
    form3 = export_render(administration=poisoned, year=2024, report="form3", fmt="csv").decode()
    assert "'+SUM(1;2) göstergesi" in form3


def _is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


@pytest.mark.django_db
def test_a_negative_number_stays_a_number_in_the_csv_and_the_xlsx():
    table = Table(
        title="Tablo",
        columns=[Column("Ad", TEXT, 20), Column("Değer", NUMBER, 10)],
        sections=[Section(headings=[], rows=[Row([LINK, Decimal("-1.31")]), Row(["-eksi", Decimal(-5)])])],
    )
    export = Export(
        document=Document(title="T", subtitle="S", tables=[table]),
        csv_header=["ad", "deger"],
        csv_rows=[[LINK, Decimal("-1.31")], ["-eksi", Decimal(-5)]],
    )
    rows = list(csv.reader(io.StringIO(render_csv(export).decode())))
    assert rows[1:] == [["'" + LINK, "-1.31"], ["'-eksi", "-5"]]
    cells = _cells(render_xlsx(export))
    _no_formula(cells)
    assert [c.value for c in cells if isinstance(c.value, int | float)] == [-1.31, -5]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_table_downloads_escape_text_and_keep_numbers(client, poisoned, fmt):
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.get("/panel/gostergeler/", {"year": 2024, "_export": fmt})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "xlsx":
        cells = _cells(content)
        _no_formula(cells)
        assert "'+SUM(1;2) göstergesi" in [c.value for c in cells]
        assert any(c.data_type == "n" and c.value is not None for c in cells)
    else:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert "'+SUM(1;2) göstergesi" in [cell for row in rows for cell in row]


@pytest.mark.django_db
def test_budget_downloads_escape_text(client, poisoned):
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.get("/butce/satirlar/", {"year": 2024, "_export": "xlsx"})
    assert response.status_code == 200
    _no_formula(_cells(response.content))


@pytest.mark.django_db
def test_every_table_download_view_escapes():
    """Every django-tables2 download goes through SafeTableExport."""
    views = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif (view := getattr(pattern.callback, "view_class", None)) and issubclass(view, ExportMixin):
                views.add(view)

    walk(get_resolver().url_patterns)
    assert len(views) >= 3
    assert [v.__name__ for v in views if not issubclass(v.export_class, SafeTableExport)] == []


@pytest.mark.django_db
def test_workbook_round_trip_keeps_a_narrative_that_starts_with_a_formula_character(
    poisoned, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    PPIndicator.objects.filter(code="GYH.02").update(name="'alıntıyla başlayan ad")
    first = workbook_build(administration_sheets(administration=poisoned))
    cells = _cells(first)
    _no_formula(cells)
    assert "'" + LINK in [c.value for c in cells]
    dataset = read_workbook(io.BytesIO(first))
    narratives = [r["narrative"] for r in dataset.sheet("quarterly_values")]
    assert LINK in narratives
    assert "'alıntıyla başlayan ad" in [r["name"] for r in dataset.sheet("pp_indicators")]
    assert workbook_import(dataset=dataset, administration=poisoned, actor=None).changed == 0
    assert QuarterlyValue.objects.get(indicator__code="GYH.01", quarter=1).narrative == LINK
    # The same through the upload page: the preview finds nothing to change.
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.post("/ice-aktarma/", {"workbook": SimpleUploadedFile("veri.xlsx", first)})
    assert response.status_code == 200
    assert response.context["summary"].changed == 0
