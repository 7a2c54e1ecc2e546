"""Shared fixtures: the demo data set loaded into the test database."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Administration
from tests.scenario import OPEN_DAY, Scenario, build_scenario


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Redis keeps entries between test runs)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded files (evidence, export files) go to a temporary folder, never the checkout's media/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture
def demo(db) -> Administration:
    """Load the 2024 demo data set and demo users; return the administration."""
    call_command("load_demo", stdout=io.StringIO())
    return Administration.objects.get(code="GIB")


@pytest.fixture
def today(monkeypatch):
    """Set the date the views see (core.clock.today); the third quarter of 2026 is open by default."""
    current = {"day": OPEN_DAY}
    monkeypatch.setattr("core.clock.today", lambda: current["day"])

    def set_day(day) -> None:
        current["day"] = day

    return set_day


@pytest.fixture
def scenario(db, today) -> Scenario:
    """A unit with four indicators in an open quarter, its users, another unit and the directorate."""
    return build_scenario()
