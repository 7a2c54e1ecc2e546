"""Celery interfaces of the realization engine: each task fetches by id and calls services."""

import logging

from celery import shared_task
from django.core.cache import cache
from django.db import OperationalError

from accounts.models import Administration
from indicators.followers import followers_run
from indicators.models import RecomputeRun
from indicators.recompute_requests import pending_key, request_recompute
from indicators.services.recompute import results_recompute
from indicators.services.sweep import stale_scopes_recompute
from plans.models import PerformanceProgram

logger = logging.getLogger(__name__)

TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}

# Named here too for the callers that ask through the tasks module (the request lives in
# indicators.recompute_requests, which the services use).
__all__ = ["consistency_sweep_task", "nightly_recompute_task", "recompute_task", "request_recompute"]


@shared_task(time_limit=30 * 60, soft_time_limit=28 * 60, **TASK_OPTIONS)
def recompute_task(administration_id: int, year: int | None = None, unit_id: int | None = None) -> int:
    """Recompute the stored results after a change; return the run's id."""
    # Clear the flag first: a save that lands while this run works queues the next run.
    try:
        cache.delete(pending_key(administration_id, year, unit_id))
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
        followers_run(administration_id=administration_id, year=year)
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
        followers_run(administration_id=administration_id)
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
