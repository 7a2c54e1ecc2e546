"""Celery application: configuration from Django settings, tasks found in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goc_perf.settings.base")

app = Celery("goc_perf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
