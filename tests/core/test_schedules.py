"""The periodic jobs are defined once (core/schedules.py), exist after migrate, and an admin's change
survives the next migrate and a beat restart."""

import pytest
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from core.schedules import JOBS, schedules_ensure
from goc_perf.celery import app

pytestmark = pytest.mark.django_db


def test_every_job_exists_after_migrate_with_its_task():
    call_command("migrate", verbosity=0)
    tasks = dict(PeriodicTask.objects.filter(name__in=[j.name for j in JOBS]).values_list("name", "task"))
    assert tasks == {job.name: job.task for job in JOBS}
    assert app.conf.beat_schedule == {}  # nothing else that beat would write into the tables


@pytest.mark.django_db(transaction=True)  # beat's scheduler closes and reopens the connection
def test_an_admins_change_survives_migrate_and_a_beat_restart():
    call_command("migrate", verbosity=0)
    nightly = PeriodicTask.objects.get(task="indicators.tasks.nightly_recompute_task")
    nightly.crontab = CrontabSchedule.objects.create(minute="45", hour="4", timezone="Europe/Istanbul")
    nightly.save()
    sweep = PeriodicTask.objects.get(task="indicators.tasks.consistency_sweep_task")
    sweep.enabled = False
    sweep.save()

    call_command("migrate", verbosity=0)
    assert schedules_ensure() == 0
    DatabaseScheduler(app=app, lazy=True).setup_schedule()  # what beat does when it starts

    nightly.refresh_from_db()
    sweep.refresh_from_db()
    assert (nightly.crontab.hour, nightly.crontab.minute) == ("4", "45")
    assert sweep.enabled is False


def test_a_deleted_job_comes_back_with_its_default():
    schedules_ensure()
    PeriodicTask.objects.filter(task="submissions.tasks.late_report_task").delete()
    assert schedules_ensure() == 1
    late = PeriodicTask.objects.get(task="submissions.tasks.late_report_task")
    assert (late.crontab.hour, late.crontab.minute, str(late.crontab.timezone)) == ("8", "15", "Europe/Istanbul")
