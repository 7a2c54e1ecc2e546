"""The Word tables' column widths: measured in the font, fixed in the file, kept by Word and LibreOffice."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from docx import Document as WordDocument
from docx.oxml.ns import qn

from exports.builders.layout import NUMBER, PERCENT, TEXT, Column, Row, Section, Table
from exports.renderers.docx import TABLE_PT, column_widths
from exports.renderers.metrics import longest_word_mm, text_mm

YEAR = 2024
SOFT_HYPHEN = "\u00ad"
# Both cell margins (51 twips a side): the text of a cell has its column's width less these.
MARGINS_MM = 2 * 51 / 1440 * 25.4


def _tablo7(*labels: str) -> Table:
    rows = [
        Row(["01", "Personel Giderleri", Decimal("2109980000"), Decimal("237.02")]),
        Row(["", "Toplam", Decimal("9508170000"), Decimal("127.51")], emphasis=True),
    ]
    columns = [
        Column(labels[0], TEXT, 10),
        Column("Açıklama", TEXT, 32),
        Column("2023 KBÖ", NUMBER, 18),
        Column(labels[1], PERCENT, 10),
    ]
    return Table(title="Tablo 7", columns=columns, sections=[Section(rows=rows)])


def test_the_font_measures_a_bold_percentage_wider_than_a_plain_one():
    assert text_mm("%127,51", 7, bold=True) > text_mm("%127,51", 7) > text_mm("127,51", 7)
    # DejaVu Sans Bold: '%' 1002, five figures 696 and the comma 380 thousandths of an em.
    assert text_mm("%127,51", 7, bold=True) == pytest.approx((1002 + 5 * 696 + 380) / 1000 * 7 * 25.4 / 72)
    assert longest_word_mm("Ekonomik Kod", 7, bold=True) == text_mm("Ekonomik", 7, bold=True)


def test_a_code_column_is_as_narrow_as_its_header_and_a_bold_total_rate_fits_its_column():
    with translation.override("tr"):
        widths = column_widths(_tablo7("Ekonomik Kod", "Artış (%)"), 273)
    assert sum(widths) == pytest.approx(273)
    code, name, amount, rate = widths
    assert code - MARGINS_MM >= text_mm("Ekonomik", TABLE_PT, bold=True)
    assert code < amount < name
    assert rate - MARGINS_MM >= text_mm("%127,51", TABLE_PT, bold=True)
    assert amount - MARGINS_MM >= text_mm("2.109.980.000", TABLE_PT)


def test_every_header_word_fits_its_column_when_the_page_is_wide_enough():
    with translation.override("tr"):
        table = _tablo7("Ekonomik Kod", "Gerçekleşme Yüzdesi (%)")
        widths = column_widths(table, 273)
    for column, width in zip(table.columns, widths, strict=True):
        assert width - MARGINS_MM >= longest_word_mm(column.label, TABLE_PT, bold=True)


def test_a_table_too_wide_for_the_page_is_narrowed_in_proportion():
    with translation.override("tr"):
        table = _tablo7("Ekonomik Kod", "Artış (%)")
        narrow, narrower = column_widths(table, 60), column_widths(table, 30)
    assert sum(narrow) == pytest.approx(60) and sum(narrower) == pytest.approx(30)
    assert [width / 2 for width in narrow] == pytest.approx(narrower)


def _export(tmp_path: Path, report: str, language: str = "tr"):
    out = tmp_path / f"{report}-{language}.docx"
    call_command(
        "export_report", year=YEAR, report=report, format="docx", out=str(out), language=language, stdout=io.StringIO()
    )
    return WordDocument(str(out))


def _twips(element, tag: str) -> int:
    return int(element.find(qn(tag)).get(qn("w:w")))


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["budget_economic", "form3", "form4", "audit_readiness", "annual_report"])
def test_every_table_is_fixed_to_its_grid_in_every_cell_of_every_row(demo, tmp_path, report):
    word = _export(tmp_path, report)
    assert word.tables
    for table in word.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(col.get(qn("w:w"))) for col in tbl.tblGrid.gridCol_lst]
        assert _twips(tbl.tblPr, "w:tblW") == sum(grid)
        for tr in tbl.tr_lst:
            position = 0
            for tc in tr.tc_lst:
                # A merged header cell is as wide as the columns it spans.
                assert _twips(tc.tcPr, "w:tcW") == sum(grid[position : position + tc.grid_span])
                position += tc.grid_span
            assert position == len(grid)


@pytest.mark.django_db
def test_tablo_7_headers_break_only_at_spaces_and_rates_are_written_the_turkish_way(demo, tmp_path):
    word = _export(tmp_path, "budget_economic")
    tablo7 = word.tables[0]
    header = [cell.text for cell in tablo7.rows[0].cells]
    assert header == ["Ekonomik Kod", "Açıklama", "2023 KBÖ", "2024 KBÖ", "Artış (%)"]
    total = [cell.text for cell in tablo7.rows[-1].cells]
    assert total[-1] == "%127,51"
    grid = [col.w.mm for col in tablo7._tbl.tblGrid.gridCol_lst]
    assert grid[-1] - MARGINS_MM >= text_mm("%127,51", TABLE_PT, bold=True)
    assert grid[0] < grid[2] and grid[0] < grid[-1]  # the code column is the narrowest
    for table in word.tables:
        assert not any(SOFT_HYPHEN in cell.text for row in table.rows[:2] for cell in row.cells)


@pytest.mark.django_db
def test_the_english_edition_writes_rates_the_english_way(demo, tmp_path):
    word = _export(tmp_path, "budget_economic", "en")
    assert [cell.text for cell in word.tables[0].rows[-1].cells][-1] == "127.51%"


@pytest.mark.django_db
def test_tablo_10_indents_sub_programmes_and_activities_under_their_programme(demo, tmp_path):
    from accounts.models import Administration
    from exports.services import export_build

    administration = Administration.objects.get(code="GIB")
    with translation.override("tr"):
        rows = export_build(administration=administration, year=YEAR, report="budget_program").document.tables[0]
    levels = [row.level for section in rows.sections for row in section.rows]
    assert {0, 1, 2} <= set(levels)  # programmes, sub-programmes and activities
    tablo10 = _export(tmp_path, "budget_program").tables[0]
    header_rows = len(tablo10.rows) - len(levels)
    indents = [row.cells[0].paragraphs[0].paragraph_format.left_indent for row in tablo10.rows[header_rows:]]
    assert [round(indent.mm) if indent else 0 for indent in indents] == [4 * level for level in levels]
