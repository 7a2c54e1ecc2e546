"""close_year, export_report, audit_printed and recompute on a year without a programme or without
data stop with one Turkish line and a non-zero exit, and write nothing (no empty export file)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from exports.choices import Report
from exports.registry import REPORT_RENDERERS
from plans.models import PerformanceProgram
from tests.factories import PerformanceProgramFactory
from tests.scenario import YEAR

ROOT = Path(__file__).resolve().parents[2]
NO_PROGRAMME = "2031 yılı için performans programı yok."


def _call(*args, **options):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO(), **options)


@pytest.mark.parametrize(
    "command, options",
    [
        ("close_year", {}),
        ("close_year", {"reopen": True, "reason": "düzeltme"}),
        ("export_report", {"report": "form4", "format": "xlsx"}),
        ("audit_printed", {}),
        ("recompute", {}),
    ],
)
def test_a_year_without_a_programme_is_refused_in_one_line(scenario, tmp_path, command, options):
    if command == "export_report":
        options = {**options, "out": str(tmp_path / "bos.xlsx")}
    with pytest.raises(CommandError) as caught:
        _call(command, year=2031, **options)
    assert str(caught.value) == NO_PROGRAMME
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("report", Report.values)
def test_an_export_with_no_row_is_refused_and_no_file_written(scenario, tmp_path, report):
    PerformanceProgramFactory(administration=scenario.administration, year=2030)
    fmt = next(iter(REPORT_RENDERERS.get(report, ["csv"])))  # the annual report: its own formats (no CSV)
    out = tmp_path / f"bos.{fmt}"
    with pytest.raises(CommandError, match="2030 yılı için bu raporda yazılacak satır yok; boş dosya yazılmadı"):
        _call("export_report", year=2030, report=report, format=fmt, out=str(out))
    assert not out.exists()


def test_a_programme_without_indicators_is_not_closed_and_not_recomputed(scenario):
    PerformanceProgramFactory(administration=scenario.administration, year=2030)
    with pytest.raises(CommandError, match="2030 yılının performans programında gösterge yok"):
        _call("close_year", year=2030)
    assert PerformanceProgram.objects.get(administration=scenario.administration, year=2030).is_closed is False
    with pytest.raises(CommandError, match=r"Yeniden hesaplanacak veri yok \(2030\)"):
        _call("recompute", year=2030)


def test_audit_printed_without_the_printed_figures_says_so(scenario):
    with pytest.raises(CommandError, match=f"{YEAR} yılının basılı rapor değerleri yüklenmemiş"):
        _call("audit_printed", year=YEAR)


@pytest.mark.django_db(transaction=True)
def test_from_the_shell_the_refusal_is_one_line_and_exit_1(scenario):
    """Run manage.py itself on the test database: exit 1, one line on stderr, no traceback."""
    url = f"postgres://{connection.settings_dict['USER']}@{connection.settings_dict['HOST']}:"
    url += f"{connection.settings_dict['PORT']}/{connection.settings_dict['NAME']}"
    result = subprocess.run(
        [sys.executable, "manage.py", "close_year", "--year", "2031"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "goc_perf.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [NO_PROGRAMME]  # Turkish only: no "CommandError:" prefix (core.management.base)
