"""Shared fixtures: the demo data set loaded into the test database."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Administration


@pytest.fixture
def demo(db) -> Administration:
    """Load the 2024 demo data set and demo users; return the administration."""
    call_command("load_demo", stdout=io.StringIO())
    return Administration.objects.get(code="GIB")
