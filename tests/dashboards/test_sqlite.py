"""The dashboards' JSON filters on the embedded default (SQLite) give the answers they give on PostgreSQL.

The suite runs on PostgreSQL; this test runs the dashboards' count-link and quarter-view tests again
in a child pytest on a fresh SQLite database, so both databases are held to the same expected rows.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

# The tests whose filters read the stored quarter statuses (result.quarters, a JSON column).
JSON_FILTER_TESTS = [
    "tests/dashboards/test_dashboards.py::test_every_status_count_links_to_exactly_its_rows",
    "tests/dashboards/test_dashboards.py::test_quarter_view_shows_what_was_projected_at_the_end_of_that_quarter",
    "tests/dashboards/test_dashboards.py::test_at_risk_count_links_to_the_full_list",
    "tests/dashboards/test_dashboards.py::test_indicator_table_filters_searches_turkish_and_sorts",
]


def test_count_links_and_quarter_filters_give_the_same_rows_on_sqlite(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--create-db", "-p", "no:xdist", *JSON_FILTER_TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
