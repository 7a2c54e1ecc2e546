"""Celery application: configuration from Django settings, tasks found in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goc_perf.settings.base")

app = Celery("goc_perf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The periodic jobs are defined once, in core/schedules.py, and kept in django-celery-beat's tables
# (no beat_schedule here: beat would write it over an admin's change at every start).
