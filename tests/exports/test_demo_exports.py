"""Every export of the 2024 demo, opened and checked the way a reader of the file would."""

import csv
import io
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from budget.models import BudgetAggregate
from indicators.calculations import realization, sp_performance
from indicators.models import PPIndicator, PPIndicatorResult
from plans.choices import Status
from plans.models import SPIndicator, SPIndicatorResult, SPIndicatorYear, Target, TargetResult
from reports.services import form4_build

pytestmark = pytest.mark.django_db

YEAR = 2024
# The header rows exactly as issue 5 lists them.
CSV_HEADERS = {
    "form3": "year,program,sub_program,seq,indicator_code,indicator,unit,prev_year,prev_value,target,year_end_estimate,q1,q2,q3,q4,year_end_value,realization_rate,status",  # noqa: E501
    "form4": "year,program,sub_program,sub_program_goal,indicator_code,indicator,target,year_end_value,realization_rate,status",  # noqa: E501
    "sp_evaluation": "year,aim_code,target_code,target_performance,indicator_code,indicator,weight,baseline,year_target,actual,performance_raw,performance",  # noqa: E501
    "budget_economic": "year,econ_code,description,kbo,added,deducted,total,spent,remaining,realization_pct,prev_kbo,kbo_change_pct,next_kbo",  # noqa: E501
    "budget_program": "year,level,name,parent,kbo,total,spent,spent_to_kbo_pct,spent_to_total_pct",
    "budget_unit": "year,unit_code,unit,kbo,total,spent,spent_to_kbo_pct,spent_to_total_pct",
    "program_structure": "year,program,sub_program,sub_program_goal,aim_code",
}
TURKISH_STATUS = {s.value: s.label for s in Status}


def _export(tmp_path: Path, report: str, fmt: str, language: str = "tr") -> Path:
    out = tmp_path / f"{report}.{fmt}"
    call_command(
        "export_report",
        year=YEAR,
        report=report,
        format=fmt,
        out=str(out),
        language=language,
        stdout=io.StringIO(),
    )
    return out


def _csv(tmp_path: Path, report: str) -> list[dict[str, str]]:
    text = _export(tmp_path, report, "csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == CSV_HEADERS[report]
    return list(csv.DictReader(io.StringIO(text)))


def _rate(value: Decimal | None) -> str:
    return "" if value is None else f"{value.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):f}"


def _value(cell: str) -> Decimal | None:
    return Decimal(cell) if cell else None


def _pp_indicators():
    return PPIndicator.objects.filter(performance_program__year=YEAR).select_related("result")


def _reported_pp_indicators():
    """The indicators with at least one quarter's value: the rows of the printed Form-3."""
    return _pp_indicators().filter(quarterly_values__value__isnull=False).distinct()


@pytest.mark.parametrize("report", list(CSV_HEADERS))
def test_every_csv_has_its_exact_header_and_rows(demo, tmp_path, report):
    rows = _csv(tmp_path, report)
    assert rows, report
    assert all(row["year"] == str(YEAR) for row in rows)


def test_form4_csv_equals_the_engine(demo, tmp_path):
    rows = {row["indicator_code"]: row for row in _csv(tmp_path, "form4")}
    indicators = list(_pp_indicators())
    assert set(rows) == {indicator.code for indicator in indicators}
    for indicator in indicators:
        row, stored = rows[indicator.code], indicator.result
        # The file holds the engine's stored result …
        assert _value(row["year_end_value"]) == stored.year_end_value
        assert row["realization_rate"] == _rate(stored.realization_rate)
        assert row["status"] == TURKISH_STATUS[stored.status]
        # … and the rate and status the rules give for the file's own value and target.
        fresh = realization(_value(row["year_end_value"]), _value(row["target"]), indicator.direction)
        assert row["realization_rate"] == _rate(fresh.rate)
        assert row["status"] == TURKISH_STATUS[fresh.status]
    # GYH.01 (Aktif ikamet izni sayısı): 913.719 ÷ 950.000 = %96,18, Kısmen Ulaşıldı, as printed.
    assert rows["GYH.01"]["realization_rate"] == "96.1809"
    assert rows["GYH.01"]["status"] == "Kısmen Ulaşıldı"


def test_form4_comes_from_the_frozen_summary_once_built(demo, tmp_path):
    summary = form4_build(administration_id=demo.pk, year=YEAR)
    summary.rows.filter(indicator_code="GYH.01").update(indicator="Aktif ikamet izni sayısı (özet)")
    rows = {row["indicator_code"]: row for row in _csv(tmp_path, "form4")}
    assert rows["GYH.01"]["indicator"] == "Aktif ikamet izni sayısı (özet)"


def test_sp_evaluation_csv_equals_the_engine(demo, tmp_path):
    rows = _csv(tmp_path, "sp_evaluation")
    results = {(r.indicator.code): r for r in SPIndicatorResult.objects.filter(year=YEAR).select_related("indicator")}
    targets = {r.target.code: r for r in TargetResult.objects.filter(year=YEAR).select_related("target")}
    years = {y.indicator.code: y for y in SPIndicatorYear.objects.filter(year=YEAR).select_related("indicator")}
    assert len(rows) == SPIndicator.objects.count()
    for row in rows:
        stored = results[row["indicator_code"]]
        assert _value(row["actual"]) == stored.actual_value
        assert row["performance_raw"] == _rate(stored.performance_raw)
        assert row["performance"] == _rate(stored.performance)
        assert row["target_performance"] == _rate(targets[row["target_code"]].performance)
        assert _value(row["year_target"]) == years[row["indicator_code"]].target_value
        fresh = sp_performance(
            baseline=Decimal(row["baseline"]), target=_value(row["year_target"]), actual=_value(row["actual"])
        )
        assert row["performance"] == _rate(fresh.clamped)
    by_code = {row["indicator_code"]: row for row in rows}
    # PG3.4.1: the rule gives (28.584 − 20.333) ÷ (35.000 − 20.333) = %56,3; the report printed %81 (C ÷ B).
    assert by_code["PG3.4.1"]["performance"].startswith("56.2")


def test_budget_csvs_equal_the_stored_aggregates(demo, tmp_path):
    stored = {(a.level, a.key): a for a in BudgetAggregate.objects.filter(administration=demo, year=YEAR)}
    economic = _csv(tmp_path, "budget_economic")
    for row in economic:
        aggregate = stored[("economic", row["econ_code"])] if row["econ_code"] else stored[("total", "")]
        assert Decimal(row["kbo"]) == aggregate.initial_appropriation
        assert Decimal(row["total"]) == aggregate.total
        assert Decimal(row["remaining"]) == aggregate.remaining
        assert row["realization_pct"] == _rate(aggregate.realization_pct)
        assert row["kbo_change_pct"] == _rate(aggregate.initial_change_pct)
    total = economic[-1]
    assert total["description"] == "Toplam"
    assert Decimal(total["spent"]) == sum(Decimal(row["spent"]) for row in economic[:-1])
    # Tablo 9: %94,21 overall; Tablo 12: 36.205.532.000 for 2025, from the 2025 aggregates.
    assert total["realization_pct"].startswith("94.21")
    assert Decimal(total["next_kbo"]) == BudgetAggregate.objects.get(year=YEAR + 1, level="total").initial_appropriation

    units = _csv(tmp_path, "budget_unit")
    assert {row["unit_code"] for row in units[:-1]} == {key for level, key in stored if level == "unit"}
    programme = _csv(tmp_path, "budget_program")
    assert {row["level"] for row in programme} == {"program", "sub_program", "activity", "total"}
    assert Decimal(programme[-1]["spent"]) == stored[("total", "")].spending


def test_xlsx_has_numeric_cells_merged_headers_and_print_setup(demo, tmp_path):
    workbook = load_workbook(_export(tmp_path, "form3", "xlsx"))
    sheet = workbook["Form-3"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:N1" in merged  # the title across the table
    assert "D3:E3" in merged and "H3:K3" in merged  # previous period (year, value) and the four quarters
    assert "B3:B4" in merged  # a column without a group spans both header rows
    assert sheet["D3"].value == "Önceki Dönem Gerçekleşme"
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=5) if isinstance(row[0].value, int)}
    indicators = list(_reported_pp_indicators())  # the printed form has no row for one never reported
    assert set(rows) == {i.name for i in indicators}
    gyh01 = rows["Aktif ikamet izni sayısı"]
    assert [c.value for c in gyh01[3:7]] == [2023, 1009098, 950000, 1000000]
    # A real percentage: the fraction, rounded as shown, under a percent format (Turkish Excel: %96,18).
    assert gyh01[12].value == 0.9618
    assert gyh01[12].number_format == "%0.00"
    assert gyh01[4].number_format == "#,##0"
    assert gyh01[13].value == "Kısmen Ulaşıldı"
    for row in rows.values():
        indicator = next(i for i in indicators if i.name == row[1].value)
        if indicator.result.year_end_value is not None:
            assert isinstance(row[11].value, int | float)
            assert Decimal(str(row[11].value)) == indicator.result.year_end_value
    assert "Değerlendirmeler" in workbook.sheetnames


@pytest.mark.parametrize(
    ("report", "sheets"),
    [
        ("form4", ["Form-4"]),
        ("sp_evaluation", ["Tablo 17"]),  # the assessments are under each indicator, not on a sheet of their own
        ("budget_economic", ["Tablo 7", "Tablo 8", "Tablo 9", "Tablo 12", "Tablo 13"]),
        ("budget_program", ["Tablo 10"]),
        ("budget_unit", ["Tablo 11"]),
        ("program_structure", ["Tablo 14"]),
    ],
)
def test_every_xlsx_opens_with_its_sheets_and_numbers(demo, tmp_path, report, sheets):
    workbook = load_workbook(_export(tmp_path, report, "xlsx"))
    assert workbook.sheetnames == sheets
    first = workbook[sheets[0]]
    assert first.print_title_rows and first.freeze_panes
    numbers = [c.value for row in first.iter_rows(min_row=4) for c in row if isinstance(c.value, int | float)]
    if report != "program_structure":
        assert numbers, "figures must be numeric cells"
    assert not any(
        isinstance(c.value, str) and c.value.replace(".", "").replace(",", "").isdigit()
        for row in first.iter_rows(min_row=4, min_col=2)  # column A holds codes (economic code "1")
        for c in row
    ), "no figure may be stored as text"


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("report", ["form3", "form4"])
def test_pdf_names_every_pp_indicator_with_turkish_letters(demo, tmp_path, report):
    text = _pdf_text(_export(tmp_path, report, "pdf"))
    for indicator in _pp_indicators():
        assert _squash(indicator.name) in text, indicator.name
    assert "Sayfa 1 /" in text  # page numbers
    assert "Aşıldı" in text and "Ulaşılamadı" in text and "Kısmen Ulaşıldı" in text


def test_pdf_repeats_the_table_header_on_every_page(demo, tmp_path):
    reader = PdfReader(_export(tmp_path, "form3", "pdf"))
    table_pages = [page.extract_text() for page in reader.pages if "Aylık" in page.extract_text()]
    assert len(table_pages) > 1
    assert all("Gösterge Adı" in page for page in table_pages)


def test_pdf_of_the_sp_evaluation_names_every_sp_indicator(demo, tmp_path):
    text = _pdf_text(_export(tmp_path, "sp_evaluation", "pdf"))
    # A name may wrap after a slash ("Oluşturulan/ Güncellenen"): compare the letters, not the spaces.
    letters = "".join(text.split())
    for indicator in SPIndicator.objects.all():
        assert "".join(f"{indicator.code}: {indicator.name}".split()) in letters, indicator.code
    assert "İlgililik" in text and "Sürdürülebilirlik" in text


@pytest.mark.parametrize("report", ["budget_economic", "budget_program", "budget_unit", "program_structure"])
def test_other_pdfs_open_with_turkish_text(demo, tmp_path, report):
    text = _pdf_text(_export(tmp_path, report, "pdf"))
    assert "Göç İdaresi Başkanlığı" in text
    assert "Tablo" in text


def test_docx_form3_has_one_table_per_sub_programme_with_its_rows(demo, tmp_path):
    word = WordDocument(str(_export(tmp_path, "form3", "docx")))
    indicators = _reported_pp_indicators().order_by(
        "sub_program__program__seq", "sub_program__seq", "sub_program__name", "goal__seq", "seq", "code"
    )
    expected = [len(list(rows)) for _key, rows in groupby(indicators, key=lambda i: (i.sub_program_id, i.goal_id))]
    # Two header rows (the previous period and the quarters are grouped), then one row per indicator.
    assert [len(table.rows) - 2 for table in word.tables] == expected
    first = word.tables[0]
    assert first.rows[2].cells[1].text == "Aktif ikamet izni sayısı"
    assert first.rows[2].cells[4].text == "1.009.098"
    assert first.rows[2].cells[12].text == "%96,18"


def _sp_rows_per_target() -> list[int]:
    # Tablo 17 prints each SP indicator as a table of its own (its assessments follow it).
    targets = Target.objects.filter(aim__plan__start_year__lte=YEAR, aim__plan__end_year__gte=YEAR)
    return [1 for target in targets.order_by("aim__code", "code") for _indicator in target.indicators.all()]


@pytest.mark.parametrize(
    ("report", "expected_rows"),
    [
        ("form4", lambda: [PPIndicatorResult.objects.filter(indicator__performance_program__year=YEAR).count()]),
        ("budget_unit", lambda: [BudgetAggregate.objects.filter(year=YEAR, level__in=["unit", "total"]).count()]),
        ("sp_evaluation", _sp_rows_per_target),
    ],
)
def test_docx_tables_have_the_right_row_counts(demo, tmp_path, report, expected_rows):
    word = WordDocument(str(_export(tmp_path, report, "docx")))
    # One header row, then one row per indicator (per target for the SP evaluation) or unit and the total.
    assert [len(table.rows) - 1 for table in word.tables] == expected_rows()


def test_english_exports_keep_the_figures_and_translate_the_labels(demo, tmp_path):
    workbook = load_workbook(_export(tmp_path, "form4", "xlsx", language="en"))
    sheet = workbook.active
    labels = [c.value for c in sheet[3]]
    assert "Performance indicator" in labels
    assert sheet.cell(row=4, column=5).number_format == "#,##0"
    assert sheet.cell(row=3, column=7).value == "Status"  # Form-4 has no rate column (Form-3 has)
    form3 = load_workbook(_export(tmp_path, "form3", "xlsx", language="en"))["Form-3"]
    gyh01 = next(row for row in form3.iter_rows(min_row=5) if row[1].value == "Aktif ikamet izni sayısı")
    assert gyh01[12].number_format == "0.00%"  # 96.18%, not %96.18


def test_unknown_year_and_unknown_administration_are_refused_with_a_message(demo, tmp_path):
    out = tmp_path / "x.csv"
    with pytest.raises(CommandError, match="1999 yılı için performans programı yok"):
        call_command("export_report", year=1999, report="form4", format="csv", out=str(out), stdout=io.StringIO())
    assert not out.exists()
    with pytest.raises(CommandError, match="İdare bulunamadı"):
        call_command("export_report", year=YEAR, report="form4", format="csv", out=str(out), administration="YOK")


def test_form4_xlsx_merges_repeated_programme_sub_programme_and_goal_cells(demo, tmp_path):
    sheet = load_workbook(_export(tmp_path, "form4", "xlsx"))["Form-4"]
    vertical = [r for r in sheet.merged_cells.ranges if r.min_col == r.max_col and r.max_row > r.min_row]
    programmes = [r for r in vertical if r.min_col == 1]
    # Each programme's rows are one merged cell, like the printed Tablo 16.
    spans = {sheet.cell(row=r.min_row, column=1).value: r.max_row - r.min_row + 1 for r in programmes}
    per_programme = Counter(i.sub_program.program.name for i in _pp_indicators().select_related("sub_program__program"))
    assert spans == {name: count for name, count in per_programme.items() if count > 1}
    assert any(r.min_col == 3 for r in vertical)  # goals too


def test_rows_that_depend_on_a_revision_are_marked_and_the_revision_listed(demo, tmp_path):
    from accounts.models import User
    from plans.services import programme
    from plans.services.common import version_token
    from tests.plans.test_services import _pp_input

    indicator = PPIndicator.objects.get(code="GYH.01", performance_program__year=YEAR)
    untouched = PPIndicator.objects.get(code="GYH.11", performance_program__year=YEAR)
    programme.pp_indicator_save(
        sub_program=indicator.sub_program, indicator=indicator,
        data=_pp_input(indicator, target_value=Decimal(960000)),
        actor=User.objects.get(username="strateji"), reason="Kanun değişikliği", token=version_token(indicator),
    )  # fmt: skip
    sheet = load_workbook(_export(tmp_path, "form4", "xlsx")).active
    names = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert f"{indicator.name} †" in names
    assert untouched.name in names and f"{untouched.name} †" not in names
    text = "\n".join(page.extract_text() for page in PdfReader(_export(tmp_path, "form4", "pdf")).pages)
    assert "Revize edilen değerler" in text and "GYH.01" in text and "950000 → 960000" in text.replace("\n", " ")
    # The machine CSV keeps its exact columns: the mark is for people, the value is the new target.
    row = next(r for r in _csv(tmp_path, "form4") if r["indicator_code"] == "GYH.01")
    assert row["indicator"] == indicator.name and row["target"] == "960000"


def _docx_text(path: Path) -> str:
    document = WordDocument(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_target_shows_the_same_rate_on_the_dashboard_the_plan_page_and_the_export(client, demo, tmp_path):
    from core.templatetags.formatting import pct

    client.login(username="strateji", password="Demo-strateji-2024")
    result = TargetResult.objects.filter(year=YEAR, performance__isnull=False).exclude(performance=100).first()
    shown = pct(result.performance)  # the one rate rule: two decimals, e.g. %92,83
    plan = result.target.aim.plan
    overview = client.get(reverse("dashboards:overview"), {"year": YEAR, "quarter": 4}).content.decode()
    plan_page = client.get(reverse("plans:plan_detail", args=[plan.pk]), {"year": YEAR}).content.decode()
    exported = _docx_text(_export(tmp_path, "sp_evaluation", "docx"))
    assert shown in overview and shown in plan_page and shown in exported
    workbook = load_workbook(_export(tmp_path, "sp_evaluation", "xlsx"))
    texts = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(shown in text for text in texts)


def test_a_value_is_shown_with_its_indicators_own_decimals_on_every_page_and_export(client, demo, tmp_path):
    """DG.02 is a ratio of two counts: Σ 34 ÷ Σ 179 = 18,9944…, which the indicator writes 18,99."""
    dg02 = PPIndicator.objects.select_related("result").get(code="DG.02", performance_program__year=YEAR)
    assert dg02.decimals == 2 and dg02.result.year_end_value == Decimal("18.9944")
    gyh01 = PPIndicator.objects.get(code="GYH.01", performance_program__year=YEAR)  # a count: no decimals
    assert gyh01.decimals == 0
    client.login(username="strateji", password="Demo-strateji-2024")
    rate = f"%{dg02.result.realization_rate.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}".replace(".", ",")
    pages = {
        "drill-down": client.get(reverse("dashboards:indicator", args=[dg02.pk])),
        "indicator table": client.get(reverse("dashboards:indicator_table"), {"year": YEAR, "q": "DG.02"}),
        "Form-3": client.get(reverse("submissions:unit_quarter", args=[dg02.responsible_unit.code, YEAR, 4])),
        "plan": client.get(reverse("plans:pp_indicator_detail", args=[dg02.pk])),
    }
    for name, response in pages.items():
        content = response.content.decode()
        assert response.status_code == 200, name
        assert "18,9944" not in content, name
    for name in ("drill-down", "indicator table", "Form-3"):
        content = pages[name].content.decode()
        assert "18,99" in content and rate in content, name
    assert "18,99" in _docx_text(_export(tmp_path, "form3", "docx"))
    assert "18,9944" not in _docx_text(_export(tmp_path, "form4", "docx"))
    pdf = "\n".join(page.extract_text() for page in PdfReader(str(_export(tmp_path, "form4", "pdf"))).pages)
    assert "18,99" in pdf and "18,9944" not in pdf
    sheet = load_workbook(_export(tmp_path, "form4", "xlsx"))["Form-4"]
    row = next(r for r in sheet.iter_rows() if isinstance(r[3].value, str) and r[3].value.startswith(dg02.name[:30]))
    assert row[5].number_format == "#,##0.00" and row[4].number_format == "#,##0.00"
    count_row = next(r for r in sheet.iter_rows() if r[3].value == gyh01.name)
    assert count_row[4].number_format == "#,##0"
