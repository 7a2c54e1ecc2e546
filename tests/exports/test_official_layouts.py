"""The year-end tables in the layout the 2024 activity report prints them (issue 19), read from the files."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document as WordDocument
from docx.oxml.ns import qn
from openpyxl import load_workbook

from accounts.models import Administration, Unit
from exports.builders.layout import TEXT, Column, Row, Section, repeat_runs, row_spans
from exports.renderers.pdf import render_html
from exports.services import export_build
from plans.models import Aim, SPIndicatorYear, SubProgramGoal
from reports.models import PrintedFigure
from reports.services import form4_build

pytestmark = pytest.mark.django_db

YEAR = 2024


def _export(tmp_path: Path, report: str, fmt: str) -> Path:
    out = tmp_path / f"{report}.{fmt}"
    call_command("export_report", year=YEAR, report=report, format=fmt, out=str(out), stdout=io.StringIO())
    return out


def _sheet_rows(path: Path, sheet: str) -> list[tuple]:
    return [row for row in load_workbook(path)[sheet].iter_rows(values_only=True) if any(row)]


def _printed_rows(table: str) -> list[str]:
    """The row keys of a printed table in the order the report prints them (the demo's printed figures)."""
    keys = PrintedFigure.objects.filter(year=YEAR, table=table).order_by("pk").values_list("row_key", flat=True)
    return [key for key in dict.fromkeys(keys) if key != "GENEL TOPLAM"]


# --- pure: which cells merge -------------------------------------------------------------------


def test_runs_of_equal_cells_merge_only_in_marked_columns_and_only_when_two_or_more():
    columns = [Column("a", TEXT, merge_repeats=True), Column("b", TEXT)]
    section = Section(rows=[Row(["x", 1]), Row(["x", 1]), Row(["y", 1]), Row(["x", 2])])
    assert repeat_runs(section, columns) == [(0, 0, 1)]
    assert row_spans(section, columns) == [[2, 1], [0, 1], [1, 1], [1, 1]]


# --- Form-4 (Tablo 16) ---------------------------------------------------------------------------


def test_form4_has_the_official_seven_columns_and_the_report_order(demo, tmp_path):
    rows = _sheet_rows(_export(tmp_path, "form4", "xlsx"), "Form-4")
    header = next(i for i, row in enumerate(rows) if row[0] == "Program")
    assert [cell for cell in rows[header] if cell] == [
        "Program",
        "Alt Program",
        "Alt Program Hedefi",
        "Performans Göstergesi",
        "Hedeflenen Gösterge Değeri",
        "Yıl sonu Gerçekleşme Değeri",
        "Gerçekleşme Durumu",
    ]
    body = [row for row in rows[header + 1 :] if row[3]]
    # Merged cells hold their text in the run's first row: carry it down to compare with the report.
    sub_programs, current = [], None
    for row in body:
        current = row[1] or current
        sub_programs.append(current.casefold())
    # The order Tablo 16 of the 2024 report prints its sub-programmes in.
    assert list(dict.fromkeys(sub_programs)) == ["düzensiz göç", "göçmenlere yönelik hizmetler"]


def test_form4_order_is_the_same_before_and_after_the_year_end_build(demo, tmp_path):
    live = [row["indicator_code"] for row in csv.DictReader(_export(tmp_path, "form4", "csv").open(encoding="utf-8"))]
    form4_build(administration_id=Administration.objects.get().id, year=YEAR)
    built = [row["indicator_code"] for row in csv.DictReader(_export(tmp_path, "form4", "csv").open(encoding="utf-8"))]
    assert live == built
    assert live.index("DG.01") < live.index("GYH.01")


def test_form4_rows_are_in_the_order_the_report_prints_them(demo, tmp_path):
    live = [row["indicator_code"] for row in csv.DictReader(_export(tmp_path, "form4", "csv").open(encoding="utf-8"))]
    assert live == _printed_rows("tablo16")
    # GYH.16 (only Form-4 lists it) is 2nd of its group as printed, because the programme orders it so.
    assert live.index("GYH.16") == live.index("GYH.01") + 1
    form4_build(administration_id=demo.pk, year=YEAR)
    built = [row["indicator_code"] for row in csv.DictReader(_export(tmp_path, "form4", "csv").open(encoding="utf-8"))]
    assert built == live


def test_form4_groups_are_merged_in_pdf_and_docx_as_in_xlsx(demo, tmp_path):
    administration = Administration.objects.get()
    export = export_build(administration=administration, year=YEAR, report="form4")
    html = render_html(export)
    assert 'rowspan="6"' in html  # Düzensiz Göç's six indicators under one sub-programme cell
    word = WordDocument(str(_export(tmp_path, "form4", "docx")))
    table = word.tables[0]
    # A vertically merged cell: the same cell object in consecutive rows of the sub-programme column.
    column = [row.cells[1]._tc for row in table.rows[1:]]
    assert any(column[i] is column[i + 1] for i in range(len(column) - 1))
    texts = [row.cells[1].text for row in table.rows[1:]]
    assert texts.count("Düzensiz Göç") == 6  # one merged cell seen from six rows, written once
    first = table.rows[1].cells[1]
    assert [p.text for p in first.paragraphs if p.text] == ["Düzensiz Göç"]


# --- Tablo 14 -------------------------------------------------------------------------------------


def test_tablo_14_has_the_reports_rows_with_the_aims_text(demo, tmp_path):
    rows = _sheet_rows(_export(tmp_path, "program_structure", "xlsx"), "Tablo 14")
    header = next(i for i, row in enumerate(rows) if row[0] == "Program Adı")
    body = rows[header + 1 :]
    goals = SubProgramGoal.objects.filter(sub_program__program__performance_program__year=YEAR)
    with_aim = goals.exclude(aim=None)
    assert goals.filter(aim=None).exists()  # the demo's two performance goals, not Tablo 14 rows
    assert len(body) == with_aim.count() == 7
    assert {row[3] for row in body} == set(with_aim.values_list("aim__title", flat=True))
    assert not {row[3] for row in body} & set(Aim.objects.values_list("code", flat=True))


# --- Tablo 11 -------------------------------------------------------------------------------------


def test_tablo_11_lists_the_units_in_the_administrations_order_as_the_report_prints_them(demo, tmp_path):
    rows = list(csv.DictReader(_export(tmp_path, "budget_unit", "csv").open(encoding="utf-8")))
    codes = [row["unit_code"] for row in rows if row["unit_code"]]
    assert codes == _printed_rows("tablo11")
    assert codes != sorted(codes)  # not the codes' order
    body = _sheet_rows(_export(tmp_path, "budget_unit", "xlsx"), "Tablo 11")
    names = [row[0] for row in body if row[0] in {r["unit"] for r in rows}]
    assert names == [row["unit"] for row in rows]
    # The order is the units' own: moving a unit moves its row.
    last = Unit.objects.get(code=codes[-1])
    last.seq = 0
    last.save(update_fields=["seq"])
    moved = [row["unit_code"] for row in csv.DictReader(_export(tmp_path, "budget_unit", "csv").open(encoding="utf-8"))]
    assert moved[:2] == [codes[-1], codes[0]]


# --- Form-3 (Tablo 15) ----------------------------------------------------------------------------


def test_form3_has_no_row_for_an_indicator_with_no_quarter_and_says_so_below(demo, tmp_path):
    path = _export(tmp_path, "form3", "xlsx")
    names = {cell for row in _sheet_rows(path, "Form-3") for cell in row if isinstance(cell, str)}
    unreported = "Dil, meslek, hobi gibi uyuma yönelik kurslardan faydalanan yabancı sayısı"
    assert unreported not in names
    assert "Aktif ikamet izni sayısı" in names
    # The printed form numbers the rows it has, 1, 2 … in each section, as the report does (1–15 and 1–6).
    numbers = [row[0] for row in _sheet_rows(path, "Form-3") if isinstance(row[0], int) and isinstance(row[1], str)]
    assert numbers == [*range(1, 16), *range(1, 7)]
    notes = _sheet_rows(path, "Değerlendirmeler")
    assert ("GYH.16", unreported) in [row[:2] for row in notes]
    # The machine CSV keeps every indicator.
    codes = [row["indicator_code"] for row in csv.DictReader(_export(tmp_path, "form3", "csv").open(encoding="utf-8"))]
    assert "GYH.16" in codes


# --- DOCX and PDF finish --------------------------------------------------------------------------


def test_docx_rows_stay_on_one_page_columns_fit_their_figures_and_the_footer_numbers_pages(demo, tmp_path):
    word = WordDocument(str(_export(tmp_path, "form3", "docx")))
    table = word.tables[0]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    widths = [column.width.mm for column in table.columns]
    # The indicator name is the widest column; the previous value column holds 1.009.098 unwrapped.
    assert max(widths) == widths[1]
    assert widths[4] >= len("1.009.098") * 1.6
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "Oluşturulma:" in "".join(p.text for p in word.sections[0].footer.paragraphs)


def test_pdf_headers_break_between_syllables_and_the_footer_dates_the_file(demo):
    export = export_build(administration=Administration.objects.get(), year=YEAR, report="form3")
    html = render_html(export)
    assert "Ger\u00adçek\u00adleş\u00adme" in html  # a narrow header breaks as Gerçek-leşme, never Gerçekle/şme
    assert "@bottom-right" in html and "Oluşturulma:" in html


# --- Tablo 17 -------------------------------------------------------------------------------------


def test_tablo_17_has_six_columns_and_each_indicators_assessments_under_it(demo, tmp_path):
    rows = _sheet_rows(_export(tmp_path, "sp_evaluation", "xlsx"), "Tablo 17")
    header = next(i for i, row in enumerate(rows) if row[0] == "Performans Göstergesi")
    assert len([cell for cell in rows[header] if cell]) == 6
    assert not any("sınırsız" in str(cell) for row in rows for cell in row if cell)
    year_row = SPIndicatorYear.objects.filter(year=YEAR).exclude(relevance="").order_by("indicator__code").first()
    indicator = year_row.indicator
    at = next(i for i, row in enumerate(rows) if str(row[0]).startswith(f"{indicator.code}:"))
    assert isinstance(rows[at][5], float | int)  # the performance is a number cell
    # Under the indicator's row: the assessments' title, then İlgililik … with the indicator's own texts.
    assert rows[at + 1][0] == "Performans Göstergelerine İlişkin Değerlendirmeler"
    assert rows[at + 2][0] == f"İlgililik: {year_row.relevance}"
    word = WordDocument(str(_export(tmp_path, "sp_evaluation", "docx")))
    texts = [p.text for p in word.paragraphs]
    assert f"İlgililik: {year_row.relevance}" in texts


def test_xlsx_rows_are_as_tall_as_their_wrapped_text(demo, tmp_path):
    sheet = load_workbook(_export(tmp_path, "form4", "xlsx"))["Form-4"]
    merged_goal = next(r for r in sheet.merged_cells.ranges if r.min_col == 3 and r.max_row > r.min_row)
    goal = sheet.cell(row=merged_goal.min_row, column=3).value
    width = sheet.column_dimensions["C"].width
    lines_needed = len(goal) / width
    heights = [sheet.row_dimensions[r].height or 15 for r in range(merged_goal.min_row, merged_goal.max_row + 1)]
    assert sum(heights) >= lines_needed * 12  # the merged goal's text is not cut off
