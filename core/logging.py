"""One time zone in every log line: the application's (TIME_ZONE), with its offset written out."""

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings


class LocalTimeFormatter(logging.Formatter):
    """Format a record's time in settings.TIME_ZONE (2026-12-03 12:15:00+0300), whatever the
    process's own zone (gunicorn, Celery and manage.py thus agree)."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, ZoneInfo(settings.TIME_ZONE))
        return moment.strftime(datefmt or "%Y-%m-%d %H:%M:%S%z")
