"""Redis down or a lost recompute: saves still succeed, and the consistency sweep catches up."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from indicators.models import PPIndicatorResult, QuarterlyValue, RecomputeRun
from indicators.selectors import Scope, stale_scopes
from indicators.services import quarterly_value_save, results_recompute
from indicators.services.sweep import SWEEP_MARGIN
from indicators.tasks import consistency_sweep_task
from tests.scenario import QUARTER, YEAR


@pytest.mark.django_db(transaction=True)
def test_a_save_with_redis_down_is_committed_and_answered_as_saved(scenario):
    indicator = scenario.indicators["sum"]
    down = ConnectionError("Redis down")
    with mock.patch("indicators.tasks.cache.add", side_effect=down), transaction.atomic():
        row = quarterly_value_save(
            indicator=indicator, quarter=QUARTER, value=Decimal(7), actor=scenario.entry, expected_version=None
        )
    assert QuarterlyValue.objects.get(pk=row.pk).value == Decimal(7)


@pytest.mark.django_db(transaction=True)
def test_a_save_with_the_broker_down_and_the_cache_failing_too_is_committed(scenario):
    indicator = scenario.indicators["sum"]
    with (
        mock.patch("indicators.tasks.recompute_task.apply_async", side_effect=ConnectionError("broker down")),
        mock.patch("indicators.tasks.cache.delete", side_effect=ConnectionError("cache down")),
        transaction.atomic(),
    ):
        row = quarterly_value_save(
            indicator=indicator, quarter=QUARTER, value=Decimal(8), actor=scenario.entry, expected_version=None
        )
    assert QuarterlyValue.objects.get(pk=row.pk).value == Decimal(8)


@pytest.mark.django_db
def test_the_sweep_recomputes_a_save_whose_recompute_was_lost(scenario):
    results_recompute(administration_id=scenario.administration.pk, years=[YEAR])
    indicator = scenario.indicators["sum"]
    # Older than the margin, so that only the lost save below is stale.
    RecomputeRun.objects.update(started_at=timezone.now() - 2 * SWEEP_MARGIN)
    QuarterlyValue.objects.all().update(updated_at=timezone.now() - 4 * SWEEP_MARGIN)
    type(indicator).objects.update(updated_at=timezone.now() - 4 * SWEEP_MARGIN)
    assert stale_scopes(margin=SWEEP_MARGIN) == []
    quarterly_value_save(  # the recompute request is lost
        indicator=indicator, quarter=QUARTER, value=Decimal(60000), actor=None, expected_version=None, recompute=False
    )
    assert PPIndicatorResult.objects.get(indicator=indicator).status != "exceeded"
    assert stale_scopes(margin=SWEEP_MARGIN) == [Scope(scenario.administration.pk, YEAR, scenario.unit.pk)]
    assert consistency_sweep_task.run() == 1
    assert PPIndicatorResult.objects.get(indicator=indicator).status == "exceeded"
    # Once a run started well after the change, the scope is no longer stale.
    RecomputeRun.objects.update(started_at=timezone.now() + timedelta(minutes=5))
    assert stale_scopes(margin=SWEEP_MARGIN) == []


@pytest.mark.django_db
def test_a_run_for_another_unit_or_year_does_not_cover_a_change(scenario):
    indicator = scenario.indicators["sum"]
    quarterly_value_save(
        indicator=indicator, quarter=QUARTER, value=Decimal(1), actor=None, expected_version=None, recompute=False
    )
    later = timezone.now() + timedelta(minutes=5)
    RecomputeRun.objects.create(
        administration=scenario.administration, kind="on_change", years=[YEAR], unit=scenario.other_unit,
        started_at=later, finished_at=later,
    )  # fmt: skip
    RecomputeRun.objects.create(
        administration=scenario.administration, kind="on_change", years=[YEAR - 1], started_at=later, finished_at=later
    )
    assert Scope(scenario.administration.pk, YEAR, scenario.unit.pk) in stale_scopes(margin=SWEEP_MARGIN)
    RecomputeRun.objects.create(
        administration=scenario.administration, kind="nightly", years=[YEAR], started_at=later, finished_at=later
    )
    assert Scope(scenario.administration.pk, YEAR, scenario.unit.pk) not in stale_scopes(margin=SWEEP_MARGIN)
