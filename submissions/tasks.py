"""Celery interfaces of the Form-3: the daily deadline jobs."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from core import clock
from submissions.reminders import record_deadline_locks, send_deadline_reminders, send_late_report

TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
    "time_limit": 10 * 60,
    "soft_time_limit": 9 * 60,
}


@shared_task(**TASK_OPTIONS)
def deadline_reminders_task() -> int:
    """E-mail the units whose form is not sent, REMINDER_DAYS_BEFORE days before the deadline."""
    return send_deadline_reminders(today=clock.today(), days_before=settings.REMINDER_DAYS_BEFORE)


@shared_task(**TASK_OPTIONS)
def late_report_task() -> int:
    """E-mail the strategy directorate the day's list of late units."""
    return send_late_report(today=clock.today())


@shared_task(**TASK_OPTIONS)
def deadline_locks_task() -> int:
    """Record in each late form's history that it locked at the deadline."""
    return record_deadline_locks(today=clock.today())
