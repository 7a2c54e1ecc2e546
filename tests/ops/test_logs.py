"""Operator noise and log times: no "AXES: BEGIN" line for every command; every log line in one
time zone (TIME_ZONE, offset written), whatever the process's own zone."""

import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from core.logging import LocalTimeFormatter

ROOT = Path(__file__).resolve().parents[2]


def test_a_management_command_prints_no_axes_begin_line():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "goc_perf.settings.base"}  # axes on, as in use
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "AXES" not in result.stdout + result.stderr


def test_log_lines_carry_the_application_time_zone_with_its_offset():
    record = logging.LogRecord("goc_perf", logging.INFO, __file__, 1, "kayıt", None, None)
    record.created = datetime(2026, 12, 3, 9, 15, tzinfo=UTC).timestamp()
    formatter = LocalTimeFormatter("%(asctime)s %(message)s")
    assert formatter.format(record) == "2026-12-03 12:15:00+0300 kayıt"  # Europe/Istanbul


def test_every_process_logs_through_that_formatter_in_that_zone():
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "local_time"
    assert settings.LOGGING["formatters"]["local_time"]["()"] == "core.logging.LocalTimeFormatter"
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False  # the worker uses it too
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^\s+TZ=(\S+)", dockerfile, re.MULTILINE).group(1) == settings.TIME_ZONE  # gunicorn's lines
