"""Celery interfaces of the realization engine: each task fetches by id and calls services."""

import logging
from functools import partial

from celery import shared_task
from django.core.cache import cache
from django.db import OperationalError, transaction

from accounts.models import Administration
from budget.selectors import budget_years
from budget.services import budget_aggregates_recompute
from indicators.models import RecomputeRun
from indicators.services.recompute import results_recompute
from indicators.services.sweep import stale_scopes_recompute
from plans.models import PerformanceProgram

logger = logging.getLogger(__name__)

# Saves within this many seconds of the first one are covered by a single run.
COLLAPSE_SECONDS = 3
TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


def _pending_key(administration_id: int, year: int | None, unit_id: int | None) -> str:
    return f"recompute-pending:{administration_id}:{year or 'all'}:{unit_id or 'all'}"


def request_recompute(*, administration_id: int, year: int | None, unit_id: int | None = None) -> None:
    """Ask for a recompute once the current transaction commits; a burst of saves asks once."""
    transaction.on_commit(partial(_enqueue, administration_id, year, unit_id))


def _enqueue(administration_id: int, year: int | None, unit_id: int | None) -> None:
    # Runs after the save committed: whatever happens here, the user's save stands and must be
    # answered as saved. With Redis down (cache and broker alike) the request is dropped and the
    # consistency sweep recomputes what was missed.
    key = _pending_key(administration_id, year, unit_id)
    try:
        if not cache.add(key, "1", timeout=COLLAPSE_SECONDS * 100):
            return  # a run is already queued and has not started: it will see this change too
    except Exception:
        logger.exception("Yeniden hesaplama bayrağı yazılamadı (idare %s, yıl %s)", administration_id, year)
        return
    try:
        recompute_task.apply_async(
            kwargs={"administration_id": administration_id, "year": year, "unit_id": unit_id},
            countdown=COLLAPSE_SECONDS,
        )
    except Exception:
        # The broker is down: forget the flag so the next save tries again.
        logger.exception("Yeniden hesaplama kuyruğa alınamadı (idare %s, yıl %s)", administration_id, year)
        try:
            cache.delete(key)
        except Exception:
            logger.exception("Yeniden hesaplama bayrağı silinemedi: %s", key)


@shared_task(time_limit=30 * 60, soft_time_limit=28 * 60, **TASK_OPTIONS)
def recompute_task(administration_id: int, year: int | None = None, unit_id: int | None = None) -> int:
    """Recompute the stored results after a change; return the run's id."""
    # Clear the flag first: a save that lands while this run works queues the next run.
    try:
        cache.delete(_pending_key(administration_id, year, unit_id))
    except Exception:
        # The flag expires on its own; the run must not wait for the cache.
        logger.exception("Yeniden hesaplama bayrağı silinemedi")
    run = results_recompute(
        administration_id=administration_id,
        years=None if year is None else [year],
        unit_id=unit_id,
        kind=RecomputeRun.Kind.ON_CHANGE,
    )
    if unit_id is None:
        for budget_year in budget_years(administration_id=administration_id, year=year):
            budget_aggregates_recompute(administration_id=administration_id, year=budget_year)
    return run.pk


@shared_task(time_limit=2 * 60 * 60, soft_time_limit=115 * 60, **TASK_OPTIONS)
def nightly_recompute_task() -> list[int]:
    """Recompute everything and report every stored result that differed from a fresh computation."""
    run_ids = []
    for administration_id in Administration.objects.values_list("pk", flat=True):
        years = list(
            PerformanceProgram.objects.filter(administration_id=administration_id).values_list("year", flat=True)
        )
        run = results_recompute(
            administration_id=administration_id, years=years, kind=RecomputeRun.Kind.NIGHTLY, check=True
        )
        for budget_year in budget_years(administration_id=administration_id):
            budget_aggregates_recompute(administration_id=administration_id, year=budget_year)
        if run.differences:
            logger.warning(
                "Gece kontrolü: idare %s için %d saklı sonuç yeni hesaplamadan farklıydı (çalışma %s).",
                administration_id,
                len(run.differences),
                run.pk,
            )
        run_ids.append(run.pk)
    return run_ids


@shared_task(time_limit=30 * 60, soft_time_limit=28 * 60, **TASK_OPTIONS)
def consistency_sweep_task() -> int:
    """Recompute every unit-year whose saved values no run has covered since; return how many."""
    return len(stale_scopes_recompute())
