"""The engine's Celery jobs: a burst of saves queues one run; a real worker updates the status."""

import io
import os
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from goc_perf.celery import app as celery_app
from indicators.models import PPIndicator, PPIndicatorResult, RecomputeRun
from indicators.services import quarterly_value_save
from indicators.tasks import nightly_recompute_task, recompute_task, request_recompute

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_a_burst_of_saves_queues_one_run(clean_cache, django_capture_on_commit_callbacks):
    with mock.patch.object(recompute_task, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(50):
                request_recompute(administration_id=1, year=2024, unit_id=7)
        assert apply_async.call_count == 1
        assert apply_async.call_args.kwargs["kwargs"] == {"administration_id": 1, "year": 2024, "unit_id": 7}
        # Another unit, or the whole year, is a separate run.
        with django_capture_on_commit_callbacks(execute=True):
            request_recompute(administration_id=1, year=2024, unit_id=8)
            request_recompute(administration_id=1, year=2024)
        assert apply_async.call_count == 3


@pytest.mark.django_db
def test_a_save_during_a_run_queues_the_next_one(demo, clean_cache, django_capture_on_commit_callbacks):
    with mock.patch.object(recompute_task, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            request_recompute(administration_id=demo.pk, year=2024, unit_id=None)
        recompute_task.run(administration_id=demo.pk, year=2024)  # the queued run starts
        with django_capture_on_commit_callbacks(execute=True):
            request_recompute(administration_id=demo.pk, year=2024, unit_id=None)
    assert apply_async.call_count == 2


@pytest.mark.django_db
def test_broker_down_does_not_lose_the_next_request(clean_cache, django_capture_on_commit_callbacks):
    with mock.patch.object(recompute_task, "apply_async", side_effect=ConnectionError("broker down")) as failing:
        with django_capture_on_commit_callbacks(execute=True):
            request_recompute(administration_id=1, year=2024)
        with django_capture_on_commit_callbacks(execute=True):
            request_recompute(administration_id=1, year=2024)
    assert failing.call_count == 2  # the flag was cleared after the failure, so the second try went out


@pytest.mark.django_db
def test_tasks_are_safe_to_retry():
    for task in (recompute_task, nightly_recompute_task):
        assert task.acks_late and task.reject_on_worker_lost
        assert task.time_limit and task.soft_time_limit
        assert task.max_retries == 5


@pytest.mark.django_db
def test_nightly_run_reports_differences(demo):
    PPIndicatorResult.objects.filter(indicator__code="GYH.05").update(status="reached")
    (run_id,) = nightly_recompute_task.run()
    run = RecomputeRun.objects.get(pk=run_id)
    assert run.kind == RecomputeRun.Kind.NIGHTLY
    assert {(d["row"], d["field"]) for d in run.differences} == {("2024 GYH.05", "status")}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_saved_value_changes_the_stored_status_through_a_real_worker():
    call_command("load_demo", stdout=io.StringIO())
    indicator = PPIndicator.objects.select_related("performance_program").get(code="GYH.01")
    assert indicator.result.status == "partially_reached"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goc_perf.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "goc_perf", "worker", "--pool=solo", "-Q", queue, "--loglevel=WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    saved_conf = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    cache.clear()
    try:
        q4 = indicator.quarterly_values.get(quarter=4)
        with transaction.atomic():
            quarterly_value_save(
                indicator=indicator, quarter=4, value=Decimal(990000), actor=None, expected_version=q4.version
            )
        assert PPIndicatorResult.objects.get(indicator=indicator).status == "partially_reached"  # not in-process
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            result = PPIndicatorResult.objects.get(indicator=indicator)
            if result.status == "exceeded":
                break
            time.sleep(0.25)
        assert (result.year_end_value, result.status) == (Decimal(990000), "exceeded")
        run = RecomputeRun.objects.filter(kind=RecomputeRun.Kind.ON_CHANGE).get()
        assert run.unit_id == indicator.responsible_unit_id
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved_conf
        worker.terminate()
        _, stderr = worker.communicate(timeout=30)
        cache.clear()
    assert b"Traceback" not in stderr, stderr.decode()


def _database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def test_the_tasks_asked_for_by_name_are_registered_in_a_fresh_process():
    """The web process never imports the task modules itself: the apps register them (AppConfig.ready)."""
    code = (
        "import django; django.setup(); from celery import current_app; "
        "from indicators.recompute_requests import RECOMPUTE_TASK; from exports.services import EXPORT_TASK; "
        "print(sorted(name for name in (RECOMPUTE_TASK, EXPORT_TASK) if name in current_app.tasks))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "goc_perf.settings.test"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[-2] == "['exports.tasks.export_job_run_task', 'indicators.tasks.recompute_task']"
