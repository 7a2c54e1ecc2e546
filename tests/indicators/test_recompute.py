"""The recompute service: correct, idempotent, scoped, checked, and set-based."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Unit
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue, RecomputeRun
from indicators.services import results_recompute
from plans.models import SPIndicatorResult, TargetResult
from tests.factories import (
    AimFactory,
    PPIndicatorFactory,
    QuarterlyValueFactory,
    SPIndicatorYearFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def _results() -> list[tuple]:
    return list(
        PPIndicatorResult.objects.order_by("indicator_id").values_list(
            "indicator_id", "year_end_value", "realization_rate", "status", "projected_status", "projected_status_trend"
        )
    )


def test_running_twice_writes_the_same_rows(demo):
    before = _results()
    sp_before = list(SPIndicatorResult.objects.order_by("id").values_list("id", "actual_value", "performance_raw"))
    results_recompute(administration_id=demo.pk)
    assert _results() == before
    assert (
        list(SPIndicatorResult.objects.order_by("id").values_list("id", "actual_value", "performance_raw")) == sp_before
    )
    assert PPIndicatorResult.objects.count() == PPIndicator.objects.count()


def test_a_changed_value_changes_the_stored_status(demo):
    q4 = QuarterlyValue.objects.get(indicator__code="GYH.01", quarter=4)
    assert PPIndicatorResult.objects.get(indicator__code="GYH.01").status == "partially_reached"
    QuarterlyValue.objects.filter(pk=q4.pk).update(value=Decimal(960000))
    results_recompute(administration_id=demo.pk, years=[2024])
    result = PPIndicatorResult.objects.get(indicator__code="GYH.01")
    assert (result.year_end_value, result.status) == (Decimal(960000), "exceeded")


def test_a_unit_recompute_touches_only_that_unit_and_what_it_feeds(demo):
    unit = Unit.objects.get(code="VDB")  # responsible for GYH.08 and GYH.11, which feed PG1.1.2 and PG1.1.1
    QuarterlyValue.objects.filter(indicator__code="GYH.11", quarter=4).update(value=Decimal(0))
    QuarterlyValue.objects.filter(indicator__code="GYH.01", quarter=4).update(value=Decimal(0))  # another unit
    run = results_recompute(administration_id=demo.pk, years=[2024], unit_id=unit.pk)
    assert run.indicators == PPIndicator.objects.filter(responsible_unit=unit).count()
    assert PPIndicatorResult.objects.get(indicator__code="GYH.11").year_end_value == Decimal(45735 + 57439 + 79085)
    assert PPIndicatorResult.objects.get(indicator__code="GYH.01").year_end_value == Decimal(913719)  # untouched
    # PG1.1.1 = 200.000 + the new year-end value, and its target H1.1 follows.
    pg111 = SPIndicatorResult.objects.get(indicator__code="PG1.1.1", year=2024)
    assert pg111.actual_value == Decimal(200000 + 45735 + 57439 + 79085)
    assert TargetResult.objects.get(target__code="H1.1", year=2024).performance < 100


def test_the_check_reports_stored_results_that_differ(demo):
    PPIndicatorResult.objects.filter(indicator__code="DG.05").update(status="not_reached")
    run = results_recompute(administration_id=demo.pk, check=True, kind=RecomputeRun.Kind.NIGHTLY)
    assert run.differences == [
        {"kind": "pp", "row": "2024 DG.05", "field": "status", "stored": "not_reached", "fresh": "exceeded"}
    ]
    assert PPIndicatorResult.objects.get(indicator__code="DG.05").status == "exceeded"
    assert results_recompute(administration_id=demo.pk, check=True).differences == []


def _statements(administration_id: int) -> int:
    """Count the SQL statements of a full recompute (the test's own savepoints aside)."""
    with CaptureQueriesContext(connection) as captured:
        results_recompute(administration_id=administration_id)
    return sum(1 for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


def test_statement_count_does_not_grow_with_the_data(demo):
    small = _statements(demo.pk)
    programme = PPIndicator.objects.filter(code="GYH.01").get().performance_program
    sub_program = PPIndicator.objects.filter(code="GYH.01").get().sub_program
    unit = Unit.objects.get(code="YGM")
    for _ in range(200):
        indicator = PPIndicatorFactory(performance_program=programme, sub_program=sub_program, responsible_unit=unit)
        for quarter in (1, 2, 3, 4):
            QuarterlyValueFactory(indicator=indicator, quarter=quarter)
    target = TargetFactory(aim=AimFactory(plan=programme.strategic_plan, code="X1"), code="X1.1", responsible_unit=unit)
    for _ in range(50):
        SPIndicatorYearFactory(indicator__target=target, indicator__responsible_unit=unit)
    large = _statements(demo.pk)
    assert PPIndicatorResult.objects.count() == 22 + 200
    assert SPIndicatorResult.objects.filter(indicator__target=target).count() == 50
    assert large == small
    assert small <= 10
