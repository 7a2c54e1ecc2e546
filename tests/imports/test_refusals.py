"""What an import refuses and what it leaves behind: a closed year's budget and SP-year sheets, and a
preview (dry run) that writes nothing, not even the record of a refusal."""

import io
from decimal import Decimal

import pytest

from budget.models import BudgetLine, BudgetSpending, BudgetTransfer
from core.models import AuditEntry
from imports.dataset import DatasetError
from imports.selectors import administration_sheets
from imports.services import workbook_import
from imports.workbook import read_workbook, workbook_build
from indicators.models import PPIndicator
from plans.models import SPIndicatorYear, SubProgramGoal

pytestmark = pytest.mark.django_db


def _import(administration, sheets, *, dry_run=False):
    dataset = read_workbook(io.BytesIO(workbook_build(sheets)))
    return workbook_import(dataset=dataset, administration=administration, actor=None, dry_run=dry_run)


def _row(sheets, sheet: str, **match) -> dict:
    return next(r for r in sheets[sheet] if all(r[k] == v for k, v in match.items()))


def _figures() -> tuple:
    return (
        sorted(BudgetLine.objects.values_list("pk", "initial_appropriation", "additions", "deductions", "spending")),
        sorted(BudgetTransfer.objects.values_list("pk", "amount")),
        sorted(BudgetSpending.objects.values_list("pk", "amount")),
        sorted(SPIndicatorYear.objects.values_list("pk", "target_value", "actual_value", "relevance")),
        sorted(PPIndicator.objects.values_list("pk", "target_value")),
        sorted(SubProgramGoal.objects.values_list("pk", "aim_id")),
    )


def _close(demo, year=2024):
    demo.performance_programs.filter(year=year).update(is_closed=True)


def test_a_closed_years_budget_line_is_refused_and_the_refusal_recorded(demo):
    sheets = administration_sheets(administration=demo)
    line = next(r for r in sheets["budget_lines"] if r["year"] == 2024 and r["kbo"])
    line["kbo"] = line["kbo"] + 1
    _close(demo)
    before, entries = _figures(), AuditEntry.objects.count()
    with pytest.raises(DatasetError) as caught:
        _import(demo, sheets)
    [error] = caught.value.errors
    assert error.sheet == "bütçe satırı"
    assert "2024 yılı kapatıldı" in error.message and "close_year --year 2024 --reopen" in error.message
    assert _figures() == before
    # Only the refusal is written, in the closed year's history.
    assert AuditEntry.objects.count() == entries + 1
    refusal = AuditEntry.objects.get(action="refused")
    assert refusal.reason == "İçe aktarma: Yıl kapatıldı"
    assert refusal.content_type.model == "performanceprogram"


def test_a_closed_years_budget_spending_is_refused(demo):
    sheets = administration_sheets(administration=demo)
    line = next(r for r in sheets["budget_lines"] if r["year"] == 2024 and r["spent"])
    line["spent"] = line["spent"] + 10
    _close(demo)
    before = _figures()
    with pytest.raises(DatasetError) as caught:
        _import(demo, sheets)
    assert {e.sheet for e in caught.value.errors} == {"aylık harcama"}
    assert _figures() == before


def test_a_closed_years_sp_yearly_row_is_refused(demo):
    sheets = administration_sheets(administration=demo)
    row = next(r for r in sheets["sp_yearly"] if r["year"] == 2024)
    row["relevance"] = "Değiştirildi"
    _close(demo)
    before = _figures()
    with pytest.raises(DatasetError) as caught:
        _import(demo, sheets)
    [error] = caught.value.errors
    assert error.sheet == "SP göstergesi yıllık değeri"
    assert "2024 yılı kapatıldı" in error.message and row["indicator_code"] in error.message
    assert _figures() == before


def test_a_closed_year_left_as_it_is_imports_and_the_reopened_year_takes_the_change(demo):
    sheets = administration_sheets(administration=demo)
    _close(demo)
    assert _import(demo, sheets).changed == 0
    _row(sheets, "sp_yearly", year=2024)["relevance"] = "Yeniden açılan yıl için"
    demo.performance_programs.filter(year=2024).update(is_closed=False)
    assert _import(demo, sheets).counts["SP göstergesi yıllık değeri"].updated == 1
    assert not AuditEntry.objects.filter(action="refused").exists()


@pytest.mark.parametrize("closed", [False, True], ids=["approved quarter", "closed year"])
def test_a_refused_preview_writes_no_audit_entry(demo, closed):
    sheets = administration_sheets(administration=demo)
    _row(sheets, "quarterly_values", indicator_code="GYH.01", quarter=4)["value"] = Decimal(1)
    if closed:
        _close(demo)
        _row(sheets, "sp_yearly", year=2024)["relevance"] = "Değiştirildi"
    entries = AuditEntry.objects.count()
    with pytest.raises(DatasetError):
        _import(demo, sheets, dry_run=True)
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("sheet", "field", "value"),
    [("pp_indicators", "target", Decimal(960000)), ("program_structure", "aim_code", "")],
    ids=["PP indicator target", "sub-programme goal"],
)
def test_a_closed_years_programme_records_are_refused(demo, sheet, field, value):
    sheets = administration_sheets(administration=demo)
    row = next(r for r in sheets[sheet] if r["year"] == 2024 and r[field] != value)
    row[field] = value
    _close(demo)
    before, entries = _figures(), AuditEntry.objects.count()
    with pytest.raises(DatasetError) as caught:
        _import(demo, sheets)
    assert any("2024 yılı kapatıldı" in error.message for error in caught.value.errors)
    assert _figures() == before
    assert AuditEntry.objects.count() == entries + 1  # the refusal only
