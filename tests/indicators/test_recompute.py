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
    """Count the SQL statements of a full recompute evaluating every indicator (the test's own savepoints aside)."""
    PPIndicatorResult.objects.update(inputs_digest="")  # as after a change of the rules: nothing reused
    with CaptureQueriesContext(connection) as captured:
        results_recompute(administration_id=administration_id)
    return sum(1 for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


def test_statement_count_grows_with_the_chunks_not_with_the_rows(demo):
    # Both data sets fit one chunk (recompute.CHUNK indicators): the same statements, bounded.
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
    assert small <= 14


def _stored() -> dict[str, list[tuple]]:
    """Every stored result with the transaction id that last wrote its row (xmin) and its computed_at."""
    tables = {
        "pp": "SELECT indicator_id, xmin::text, computed_at FROM indicators_ppindicatorresult ORDER BY 1",
        "sp": "SELECT indicator_id, year, xmin::text, computed_at FROM plans_spindicatorresult ORDER BY 1, 2",
        "target": "SELECT target_id, year, xmin::text, computed_at FROM plans_targetresult ORDER BY 1, 2",
    }
    with connection.cursor() as cursor:
        stored = {}
        for kind, sql in tables.items():
            cursor.execute(sql)
            stored[kind] = cursor.fetchall()
    return stored


def test_a_recompute_with_no_change_writes_no_row(demo):
    before = _stored()
    with CaptureQueriesContext(connection) as captured:
        run = results_recompute(administration_id=demo.pk)
    assert run.indicators == PPIndicator.objects.count()
    assert _stored() == before  # no row rewritten, not even its computed_at
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    # The SP and target upserts run (their rows are compared in the statement); nothing else but the run's record.
    assert not [sql for sql in writes if "indicators_ppindicatorresult" in sql.split("SELECT")[0]]
    assert len(writes) == 5  # two deletes of no longer due results, two upserts, the run


def test_a_recompute_after_one_change_rewrites_only_that_indicator_and_what_it_feeds(demo):
    before = _stored()
    changed = PPIndicator.objects.get(code="GYH.11")  # feeds PG1.1.1, of target H1.1
    QuarterlyValue.objects.filter(indicator=changed, quarter=4).update(value=Decimal(0))
    results_recompute(administration_id=demo.pk)
    after = _stored()
    rewritten = {row[0] for row in after["pp"]} - {row[0] for row in before["pp"] if row in after["pp"]}
    assert rewritten == {changed.pk}
    sp = {row[:2] for row in after["sp"] if row not in before["sp"]}
    assert sp == {(SPIndicatorResult.objects.get(indicator__code="PG1.1.1", year=2024).indicator_id, 2024)}
    assert {row[:2] for row in after["target"] if row not in before["target"]} == {
        (TargetResult.objects.get(target__code="H1.1", year=2024).target_id, 2024)
    }


def _every_result() -> tuple[list, list, list]:
    pp = PPIndicatorResult.objects.order_by("indicator_id").values_list(
        "indicator_id", "year_end_value", "realization_rate", "status", "year_end_estimate", "projected_status",
        "trend_projection", "projected_status_trend", "quarters", "inputs_digest",
    )  # fmt: skip
    sp = SPIndicatorResult.objects.order_by("indicator_id", "year").values_list(
        "indicator_id", "year", "actual_value", "performance_raw", "performance"
    )
    targets = TargetResult.objects.order_by("target_id", "year").values_list(
        "target_id", "year", "performance", "weight_total", "weight_used"
    )
    return list(pp), list(sp), list(targets)


def test_chunks_of_three_indicators_give_the_results_of_one_chunk(demo, monkeypatch):
    # The demo's 22 PP indicators fit one chunk; read, evaluated and written three at a time
    # (eight chunks, the last one short), every stored result is the same.
    one_chunk = _every_result()
    PPIndicatorResult.objects.all().delete()
    SPIndicatorResult.objects.all().delete()
    TargetResult.objects.all().delete()
    monkeypatch.setattr("indicators.services.recompute.CHUNK", 3)
    run = results_recompute(administration_id=demo.pk)
    assert run.indicators == 22
    assert _every_result() == one_chunk
    # The nightly check reads in the same chunks and finds nothing to report.
    assert results_recompute(administration_id=demo.pk, check=True).differences == []


def test_a_change_of_the_rules_evaluates_every_indicator_again(demo, monkeypatch):
    # A stored result is reused only for the rules that computed it (RULES_VERSION is in the digest).
    PPIndicatorResult.objects.filter(indicator__code="DG.05").update(status="not_reached")
    results_recompute(administration_id=demo.pk)
    assert PPIndicatorResult.objects.get(indicator__code="DG.05").status == "not_reached"  # inputs unchanged
    monkeypatch.setattr("indicators.services.recompute.RULES_VERSION", "another version of the rules")
    results_recompute(administration_id=demo.pk)
    assert PPIndicatorResult.objects.get(indicator__code="DG.05").status == "exceeded"


def test_a_result_no_longer_due_is_deleted(demo):
    # PG1.1.1 retired from 2024 on: its 2024 result is no longer due.
    indicator = SPIndicatorResult.objects.get(indicator__code="PG1.1.1", year=2024).indicator
    indicator.retired_from_year = 2024
    indicator.save(update_fields=["retired_from_year"])
    results_recompute(administration_id=demo.pk)
    assert not SPIndicatorResult.objects.filter(indicator=indicator, year=2024).exists()
