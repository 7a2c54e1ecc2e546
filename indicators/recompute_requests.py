"""Asking for a recompute after a change: once the transaction commits, a burst of saves asks once.

Services of every app that feeds the engine (Form-3, plan maintenance, the budget, the admin, the
import) ask here. The request is a message to the worker, addressed by the task's name, so the
services that the task runs in turn never import the task module (no cycle inside the app).
"""

import logging
from functools import partial

from celery import current_app
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

RECOMPUTE_TASK = "indicators.tasks.recompute_task"
# Saves within this many seconds of the first one are covered by a single run.
COLLAPSE_SECONDS = 3


def pending_key(administration_id: int, year: int | None, unit_id: int | None) -> str:
    """The cache flag that says a run for this scope is queued and has not started."""
    return f"recompute-pending:{administration_id}:{year or 'all'}:{unit_id or 'all'}"


def request_recompute(*, administration_id: int, year: int | None, unit_id: int | None = None) -> None:
    """Ask for a recompute once the current transaction commits; a burst of saves asks once."""
    transaction.on_commit(partial(_enqueue, administration_id, year, unit_id))


def _enqueue(administration_id: int, year: int | None, unit_id: int | None) -> None:
    # Runs after the save committed: whatever happens here, the user's save stands and must be
    # answered as saved. With Redis down (cache and broker alike) the request is dropped and the
    # consistency sweep recomputes what was missed.
    key = pending_key(administration_id, year, unit_id)
    try:
        if not cache.add(key, "1", timeout=COLLAPSE_SECONDS * 100):
            return  # a run is already queued and has not started: it will see this change too
    except Exception:
        logger.exception("Yeniden hesaplama bayrağı yazılamadı (idare %s, yıl %s)", administration_id, year)
        return
    try:
        current_app.tasks[RECOMPUTE_TASK].apply_async(
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
