"""Drill: Redis restarted during a burst of saves (a throwaway redis-server, never the shared one).

gunicorn and a real Celery worker use a Redis of their own (cache, "recompute queued" flags and
broker alike, as in production). 20 unit users save in a loop; a third of the way through, Redis is
stopped for two seconds, losing every queued message and flag, and started again. Saves must keep
succeeding; after the burst, the consistency sweep must leave no saved value without its recompute
(stored results equal a fresh computation).
"""

import threading
import time
import uuid

import pytest
from django.db import transaction

from accounts.models import Administration
from benchmarks.loadtest import gunicorn, parallel
from benchmarks.management.commands.bench_form3 import CODE
from benchmarks.management.commands.bench_form3 import Command as BurstBuilder
from indicators.models import RecomputeRun
from indicators.services import results_recompute
from indicators.services.sweep import stale_scopes_recompute
from tests.drills.figures import report
from tests.drills.servers import ThrowawayRedis
from tests.drills.test_postgres_restart import Saver, _saved_values
from tests.drills.test_worker_kill import Worker, _database_url

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

USERS, SAVES = 20, 10


class _Rollback(Exception):
    pass


def _stale_results(administration_id: int) -> int:
    """Return how many stored results differ from a fresh computation, changing nothing."""
    try:
        with transaction.atomic():
            run = results_recompute(administration_id=administration_id, check=True)
            found = len(run.differences)
            raise _Rollback
    except _Rollback:
        return found


def _settle(seconds: float) -> None:
    """Wait until the worker has been idle (no new run) for a few seconds, at most `seconds`."""
    deadline, last, quiet_since = time.monotonic() + seconds, -1, time.monotonic()
    while time.monotonic() < deadline:
        count = RecomputeRun.objects.count()
        if count != last:
            last, quiet_since = count, time.monotonic()
        elif time.monotonic() - quiet_since > 8:
            return
        time.sleep(0.5)


def test_redis_restarted_during_a_burst_of_saves():
    year, _quarter = BurstBuilder()._build(USERS, 1)
    administration = Administration.objects.get(code=CODE)
    results_recompute(administration_id=administration.pk)
    redis = ThrowawayRedis()
    redis.start()
    queue = f"drill-{uuid.uuid4().hex[:8]}"
    env = {
        "DJANGO_SETTINGS_MODULE": "goc_perf.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "LOG_LEVEL": "ERROR",
    }
    worker = Worker(queue)
    worker.env.update(env)
    try:
        worker.start()
        with gunicorn(workers=2, env=env) as base:
            savers = [Saver(base, n, year) for n in range(USERS)]
            parallel([s.log_in for s in savers], width=5)
            successes = threading.Semaphore(0)

            def work(saver: Saver) -> None:
                for attempt in range(SAVES):
                    if saver.save(f"{saver.number * 1000 + attempt + 1}") == 302:
                        successes.release()
                    time.sleep(0.1)

            threads = [threading.Thread(target=work, args=(s,)) for s in savers]
            for thread in threads:
                thread.start()
            for _ in range(USERS * SAVES // 3):
                successes.acquire(timeout=120)
            restarted_at = time.monotonic()
            redis.restart(down_seconds=2)
            for thread in threads:
                thread.join()
        _settle(90)
        stale_before = _stale_results(administration.pk)
        swept = stale_scopes_recompute()
        stale_after = _stale_results(administration.pk)
    finally:
        worker.stop()
        redis.stop()
    answers = [a for s in savers for a in s.answers]
    ok = [value for value, status, _ in answers if status == 302]
    saved = _saved_values(_database_url())
    during = [a for a in answers if restarted_at <= a[2] <= restarted_at + 2.5]
    report(
        "Redis restarted during a burst of saves (throwaway redis-server)",
        [
            ("saves attempted", len(answers)),
            ("answered saved", len(ok)),
            ("answered with an error (goal 0)", len(answers) - len(ok)),
            ("saves answered while Redis was down", len(during)),
            ("answered saved but missing in the database (goal 0)", sum(1 for v in ok if v not in saved)),
            ("stored results stale after the worker settled (lost recomputes)", stale_before),
            ("unit-years the consistency sweep recomputed", len(swept)),
            ("stored results stale after the sweep (goal 0)", stale_after),
        ],
    )
    assert len(ok) == len(answers) and all(v in saved for v in ok) and stale_after == 0
