"""A closed year refuses every write on every path, with one message, and records each refusal.

After `close_year`, nothing of that year changes: the Form-3, reopening a quarter with an exception,
submitting, approving and returning, plan maintenance, the budget and the admin; the frozen Form-4
keeps agreeing with the live results.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from budget.models import BudgetLine, BudgetSpending, EconomicCode
from budget.services import budget_spending_set
from core.exceptions import ApplicationError
from core.models import AuditEntry
from indicators.models import QuarterlyValue
from plans import locks
from plans.models import PerformanceProgram, SPIndicatorYear
from plans.services.programme import PPIndicatorInput, pp_indicator_save
from plans.services.strategic import sp_target_value_save
from reports.services import year_close
from submissions.choices import SubmissionState
from submissions.models import QuarterException, Submission
from submissions.services import (
    quarter_exception_grant,
    submission_approve,
    submission_return,
    submission_submit,
)
from tests.factories import QuarterlyValueFactory, SPIndicatorFactory
from tests.scenario import OPEN_DAY, PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db

CLOSING = "close_year --year 2026 --reopen --reason"


def closed(scenario):
    year_close(administration_id=scenario.administration.pk, year=YEAR, actor=scenario.strategy)
    return PerformanceProgram.objects.get(administration=scenario.administration, year=YEAR)


def refusals():
    return list(AuditEntry.objects.filter(action="refused").order_by("id"))


def test_the_message_names_the_closing_and_how_to_reopen():
    message = locks.closed_year_message(2026)
    assert "2026 yılı kapatıldı" in message
    assert CLOSING in message


def test_form_save_in_a_closed_year_is_refused_and_recorded(client, scenario):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=QUARTER, value=Decimal(10))
    closed(scenario)
    assert client.login(username=scenario.entry.username, password=PASSWORD)
    url = reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])
    response = client.post(url, {"form_version": "1", f"i{indicator.pk}-version": "1", f"i{indicator.pk}-value": "99"})
    assert response.status_code == 400
    assert CLOSING in response.content.decode()
    assert QuarterlyValue.objects.get(indicator=indicator).value == Decimal(10)
    (entry,) = refusals()
    assert entry.reason == "Form-3: Yıl kapatıldı"
    assert entry.changes == {f"{indicator.pk}.value": [None, "99"]}


def test_the_directorate_cannot_reopen_an_approved_quarter_of_a_closed_year(client, scenario):
    """The issue's case: reopening an approved quarter after close_year, then saving, changed the year."""
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=QUARTER, state=SubmissionState.APPROVED)
    programme = closed(scenario)
    assert client.login(username=scenario.strategy.username, password=PASSWORD)
    url = reverse("submissions:grant_exception", args=[scenario.unit.code, YEAR, QUARTER])
    response = client.post(
        url, {"expires_on": (OPEN_DAY + timedelta(days=5)).isoformat(), "reason": "Birim geç kaldı"}, follow=True
    )
    assert CLOSING in response.content.decode()
    assert not QuarterException.objects.exists()
    assert Submission.objects.get(unit=scenario.unit).state == SubmissionState.APPROVED
    (entry,) = refusals()
    assert entry.reason == "Onay akışı: Yıl kapatıldı"
    assert entry.object_id == str(programme.pk)
    assert entry.actor == scenario.strategy


@pytest.mark.parametrize("action", ["submit", "approve", "return"])
def test_workflow_actions_in_a_closed_year_are_refused_and_recorded(scenario, action):
    state = SubmissionState.DRAFT if action == "submit" else SubmissionState.SUBMITTED
    submission = Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=QUARTER, state=state)
    closed(scenario)
    with pytest.raises(ApplicationError) as refused:
        if action == "submit":
            submission_submit(unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.approver, today=OPEN_DAY)
        elif action == "approve":
            submission_approve(submission=submission, actor=scenario.strategy)
        else:
            submission_return(submission=submission, actor=scenario.strategy, comment="Düzeltin")
    assert CLOSING in refused.value.message
    assert Submission.objects.get(pk=submission.pk).state == state
    (entry,) = refusals()
    assert entry.reason == "Onay akışı: Yıl kapatıldı"


def test_exception_service_refuses_in_a_closed_year(scenario):
    closed(scenario)
    with pytest.raises(locks.YearClosedError):
        quarter_exception_grant(
            unit=scenario.unit,
            year=YEAR,
            quarter=QUARTER,
            expires_on=date(2027, 1, 31),
            reason="Geç kaldı",
            actor=scenario.strategy,
            today=OPEN_DAY,
        )
    assert not QuarterException.objects.exists()
    assert len(refusals()) == 1


def test_plan_maintenance_of_a_closed_year_is_refused_and_recorded(scenario):
    indicator = scenario.indicators["sum"]
    closed(scenario)
    data = PPIndicatorInput(
        code=indicator.code,
        seq=indicator.seq,
        name="Yeni ad",
        unit_of_measure=indicator.unit_of_measure,
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        target_value=Decimal(1),
        responsible_unit=indicator.responsible_unit,
        sp_indicator=None,
        allows_negative=indicator.allows_negative,
        prev_year=None,
        prev_value=None,
        goal=None,
    )
    with pytest.raises(locks.YearClosedError) as refused:
        pp_indicator_save(sub_program=indicator.sub_program, indicator=indicator, data=data, actor=scenario.strategy)
    assert CLOSING in refused.value.message
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(50000)
    (entry,) = refusals()
    assert entry.reason == "Plan bakımı: Yıl kapatıldı"


def test_sp_target_of_a_closed_year_is_refused(scenario):
    sp = SPIndicatorFactory(
        target__aim__plan__administration=scenario.administration,
        target__aim__plan__start_year=2024,
        target__aim__plan__end_year=2028,
    )
    closed(scenario)
    with pytest.raises(locks.YearClosedError):
        sp_target_value_save(indicator=sp, year=YEAR, value=Decimal(5), actor=scenario.strategy)
    assert not SPIndicatorYear.objects.filter(indicator=sp, year=YEAR).exists()
    assert len(refusals()) == 1


def test_budget_entry_in_a_closed_year_is_refused_and_recorded(scenario):
    code, _created = EconomicCode.objects.get_or_create(code="01", defaults={"name": "Personel Giderleri"})
    line = BudgetLine.objects.create(
        administration=scenario.administration, year=YEAR, economic_code=code, initial_appropriation=Decimal(100)
    )
    closed(scenario)
    with pytest.raises(locks.YearClosedError) as refused:
        budget_spending_set(
            line=line, month=3, amount=Decimal(5), expected_version=line.version, actor=scenario.strategy
        )
    assert CLOSING in refused.value.message
    assert not BudgetSpending.objects.exists()
    (entry,) = refusals()
    assert entry.reason == "Bütçe: Yıl kapatıldı"
    assert entry.changes == {"01.spending_month_03": [None, "5"]}


def test_after_reopening_the_year_writes_are_allowed_again(scenario):
    closed(scenario)
    call_command(
        "close_year", year=YEAR, administration=scenario.administration.code, reopen=True, reason="Düzeltme gerekiyor"
    )
    exception = quarter_exception_grant(
        unit=scenario.unit,
        year=YEAR,
        quarter=QUARTER,
        expires_on=date(2027, 1, 31),
        reason="Düzeltme",
        actor=scenario.strategy,
        today=OPEN_DAY,
    )
    assert exception.pk is not None
    assert not refusals()


def test_admin_cannot_change_a_value_of_a_closed_year(client, scenario):
    value = QuarterlyValueFactory(indicator=scenario.indicators["sum"], quarter=1, value=Decimal(10))
    closed(scenario)
    scenario.strategy.is_superuser = scenario.strategy.is_staff = True
    scenario.strategy.save()
    assert client.login(username=scenario.strategy.username, password=PASSWORD)
    url = reverse("admin:indicators_quarterlyvalue_change", args=[value.pk])
    response = client.post(url, {"indicator": value.indicator_id, "quarter": 1, "value": "99"})
    assert response.status_code == 403
    assert QuarterlyValue.objects.get(pk=value.pk).value == Decimal(10)
    (entry,) = refusals()
    assert entry.reason == "Yönetim paneli: Yıl kapatıldı"
