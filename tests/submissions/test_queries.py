"""The Form-3 pages run the same number of SQL queries for 10 and for 100 indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import PPIndicator
from tests.factories import PPIndicatorFactory, QuarterlyValueFactory, UnitFactory
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db


def _grow_to(scenario, count: int) -> None:
    sample = scenario.indicators["sum"]
    while PPIndicator.objects.filter(responsible_unit=scenario.unit).count() < count:
        indicator = PPIndicatorFactory(sub_program=sample.sub_program, responsible_unit=scenario.unit)
        for quarter in (1, 2):
            QuarterlyValueFactory(indicator=indicator, quarter=quarter)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["entry", "strategy"])
def test_form_page_queries_do_not_grow_with_indicators(client, scenario, role):
    client.login(username=getattr(scenario, role).username, password=PASSWORD)
    url = reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])
    _grow_to(scenario, 10)
    ten = _count(client, url)
    _grow_to(scenario, 100)
    hundred = _count(client, url)
    assert hundred == ten


def test_forms_index_queries_do_not_grow_with_units(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    url = reverse("submissions:forms_index")
    few = _count(client, url)
    sample = scenario.indicators["sum"]
    for _ in range(30):
        PPIndicatorFactory(
            sub_program=sample.sub_program, responsible_unit=UnitFactory(administration=scenario.administration)
        )
    assert _count(client, url) == few
