"""Drill: 20 recompute runs of a real Celery worker killed (SIGKILL) at a random point of the run.

Data: a synthetic administration (40 units × 100 indicators × 3 years = 12.000 PP indicators).
Each round changes some quarterly values without asking for a recompute, queues a full recompute
on a real `celery worker` (prefork, one child, this machine's Redis) and kills it at a random
moment of the run: on even rounds the pool child (the parent lives and requeues the task:
acks_late + reject_on_worker_lost), on odd rounds the whole worker (the message stays unacked
until Redis' visibility timeout; a fresh worker starts and the consistency sweep covers the loss).
After each round the stored results must equal a fresh uninterrupted computation, with no
duplicate result rows.
"""

import contextlib
import io
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone

from accounts.models import Administration
from goc_perf.celery import app as celery_app
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue, RecomputeRun
from indicators.services import results_recompute
from indicators.tasks import consistency_sweep_task, recompute_task
from plans.models import SPIndicatorResult, TargetResult
from tests.drills.figures import report

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """A real `celery worker` on its own queue; killed and restarted by the drill."""

    def __init__(self, queue: str) -> None:
        self.queue = queue
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "goc_perf.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "goc_perf", "worker", "--pool=prefork", "--concurrency=1",
             "-Q", self.queue, "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not self.child() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the child imports the project and connects before it takes work

    def child(self) -> int | None:
        assert self.process is not None
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        return int(found[0]) if found else None

    def kill_child(self) -> None:
        pid = self.child()
        if pid:
            os.kill(pid, signal.SIGKILL)

    def kill_all(self) -> None:
        assert self.process is not None
        pid = self.child()
        self.process.send_signal(signal.SIGKILL)
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_all()


def _wait_for_runs(count: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if RecomputeRun.objects.count() >= count:
            return True
        time.sleep(0.2)
    return False


def test_worker_killed_during_recompute_runs():
    call_command("generate_synthetic", units=40, indicators=100, years=3, stdout=io.StringIO())
    administration = Administration.objects.get(code="SYN")
    results_recompute(administration_id=administration.pk)  # the starting point
    timing = RecomputeRun.objects.latest("started_at")
    run_seconds = (timing.finished_at - timing.started_at).total_seconds()
    rng = random.Random(2026)  # noqa: S311 - reproducible kill points, not secrets
    queue = f"drill-{uuid.uuid4().hex[:8]}"
    saved_conf = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    worker = Worker(queue)
    worker.start()
    figures = {"killed before the run committed": 0, "killed after it committed": 0}
    recovered_by = {"requeued run": 0, "consistency sweep": 0}
    differences = duplicates = 0
    try:
        for round_ in range(ROUNDS):
            values = list(
                QuarterlyValue.objects.filter(indicator__performance_program__administration=administration)
                .exclude(value=None)
                .order_by("?")[:50]
            )
            for value in values:  # as a save does, without its recompute request
                QuarterlyValue.objects.filter(pk=value.pk).update(
                    value=Decimal(rng.randint(0, 10**6)), version=F("version") + 1, updated_at=timezone.now()
                )
            before = RecomputeRun.objects.count()
            cache.clear()
            recompute_task.apply_async(kwargs={"administration_id": administration.pk})
            delay = rng.uniform(0, run_seconds)
            time.sleep(0.3 + delay)  # the message reaches the child in a few tenths of a second
            finished_already = RecomputeRun.objects.count() > before
            if round_ % 2 == 0:
                worker.kill_child()
            else:
                worker.kill_all()
            figures["killed after it committed" if finished_already else "killed before the run committed"] += 1
            if round_ % 2 == 1:
                worker.start()
            if not finished_already:
                if round_ % 2 == 0 and _wait_for_runs(before + 1, 120):
                    recovered_by["requeued run"] += 1
                else:
                    consistency_sweep_task.apply_async().get(timeout=300)
                    recovered_by["consistency sweep"] += 1
            check = results_recompute(administration_id=administration.pk, check=True)
            differences += len(check.differences)
            duplicates += sum(
                1
                for model, key in ((PPIndicatorResult, ("indicator",)), (SPIndicatorResult, ("indicator", "year")),
                                   (TargetResult, ("target", "year")))
                for _ in model.objects.values(*key).annotate(n=Count("id")).filter(n__gt=1)
            )  # fmt: skip
    finally:
        worker.stop()
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved_conf
        subprocess.run([sys.executable, "-m", "celery", "-A", "goc_perf", "purge", "-f", "-Q", queue],
                       cwd=ROOT, env=worker.env, capture_output=True)  # fmt: skip
    indicators = PPIndicator.objects.filter(performance_program__administration=administration).count()
    stored = PPIndicatorResult.objects.filter(indicator__performance_program__administration=administration).count()
    report(
        "Worker killed (SIGKILL) during recompute runs",
        [
            ("rounds", ROUNDS),
            ("PP indicators recomputed per run", indicators),
            ("uninterrupted run (in-process)", f"{run_seconds:.2f} s"),
            *figures.items(),
            *((f"recovered by the {how}", n) for how, n in recovered_by.items()),
            ("stored results differing from an uninterrupted run (goal 0)", differences),
            ("duplicate result rows (goal 0)", duplicates),
            ("PP results stored / PP indicators", f"{stored} / {indicators}"),
        ],
    )
    assert differences == 0 and duplicates == 0
