"""Celery application: configuration from Django settings, tasks found in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goc_perf.settings.base")

app = Celery("goc_perf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every ten minutes, recompute what a lost on-change request left stale (indicators.services.sweep).
# django-celery-beat copies this entry into its database schedule, where admins can change it.
app.conf.beat_schedule = {
    "tutarlilik-taramasi": {"task": "indicators.tasks.consistency_sweep_task", "schedule": 10 * 60},
}
