"""The read-only JSON API: signed-in only, scoped like the pages, paginated, constant queries, schema."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from indicators.services import results_recompute
from tests.factories import PPIndicatorFactory, QuarterlyValueFactory
from tests.scenario import PASSWORD, YEAR

pytestmark = pytest.mark.django_db

ENDPOINTS = ["indicator", "quarterly-value", "result", "sp-result", "target-result"]


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def _url(name: str) -> str:
    return reverse(f"api:{name}-list")


@pytest.fixture
def values(scenario):
    """A quarter of every scenario indicator (the other unit's too) and the engine's results."""
    for indicator in [*scenario.indicators.values(), scenario.other_indicator]:
        if indicator.aggregation == "ratio":
            QuarterlyValueFactory(indicator=indicator, value=Decimal(50), numerator=5, denominator=10)
        else:
            QuarterlyValueFactory(indicator=indicator, value=Decimal(250))
    results_recompute(administration_id=scenario.administration.pk)
    return scenario


@pytest.mark.parametrize("name", ENDPOINTS)
def test_signed_out_is_refused(client, name):
    response = client.get(_url(name))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_unit_users_see_only_their_units_indicators_values_and_results(values):
    scenario = values
    own = {"T.01", "T.02", "T.03", "T.04"}
    client = _api(scenario.entry)
    indicators = client.get(_url("indicator")).json()
    assert {i["code"] for i in indicators["results"]} == own
    assert {q["indicator_code"] for q in client.get(_url("quarterly-value")).json()["results"]} == own
    assert {r["indicator_code"] for r in client.get(_url("result")).json()["results"]} == own
    other = client.get(reverse("api:indicator-detail", args=[scenario.other_indicator.pk]))
    assert other.status_code == 404
    assert {i["code"] for i in _api(scenario.other_entry).get(_url("indicator")).json()["results"]} == {"T.99"}


@pytest.mark.parametrize("role", ["strategy", "top"])
def test_administration_wide_roles_see_every_unit(values, role):
    codes = {i["code"] for i in _api(getattr(values, role)).get(_url("indicator")).json()["results"]}
    assert codes == {"T.01", "T.02", "T.03", "T.04", "T.99"}


def test_indicator_carries_its_computed_result_exact(values):
    client = _api(values.strategy)
    ratio = client.get(_url("indicator"), {"code": "T.02", "year": YEAR}).json()["results"][0]
    assert ratio["aggregation"] == "ratio"
    assert ratio["target"] == "50.0000"
    assert ratio["result"]["year_end_value"] == "50.0000"
    assert ratio["result"]["realization_rate"] is not None
    assert Decimal(ratio["result"]["realization_rate"]) == Decimal(100)
    assert ratio["result"]["status"] == "reached"
    value = client.get(_url("quarterly-value"), {"indicator": "T.02"}).json()["results"][0]
    assert (value["numerator"], value["denominator"], value["quarter"]) == ("5.0000", "10.0000", 1)


def test_token_authentication(values):
    token = Token.objects.create(user=values.entry)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(_url("indicator")).json()["count"] == 4


def test_lists_are_paginated(values):
    sample = values.indicators["sum"]
    PPIndicatorFactory.create_batch(120, sub_program=sample.sub_program, responsible_unit=values.unit)
    first = _api(values.entry).get(_url("indicator")).json()
    assert first["count"] == 124
    assert len(first["results"]) == 100
    assert first["next"].endswith("?page=2")


def test_read_only(values):
    client = _api(values.strategy)
    assert client.post(_url("indicator"), {"code": "X"}).status_code == 405
    detail = reverse("api:indicator-detail", args=[values.indicators["sum"].pk])
    assert client.delete(detail).status_code == 405


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(scenario, count: int) -> None:
    sample = scenario.indicators["sum"]
    for _ in range(count):
        indicator = PPIndicatorFactory(sub_program=sample.sub_program, responsible_unit=scenario.unit)
        for quarter in (1, 2):
            QuarterlyValueFactory(indicator=indicator, quarter=quarter)
    results_recompute(administration_id=scenario.administration.pk)


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("role", ["entry", "strategy"])
def test_queries_do_not_grow_with_the_data(values, name, role):
    client = _api(getattr(values, role))
    _grow(values, 5)
    small = _count(client, _url(name))
    _grow(values, 60)
    assert _count(client, _url(name)) == small


def test_schema_generates_and_validates():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert {
        "/api/v1/indicators/",
        "/api/v1/indicators/{id}/",
        "/api/v1/quarterly-values/",
        "/api/v1/results/",
        "/api/v1/sp-results/",
        "/api/v1/target-results/",
    } <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/indicators/"]["get"]["parameters"]}
    assert {"year", "unit", "status", "page"} <= parameters


def test_schema_is_served_to_signed_in_users(scenario):
    assert APIClient().get(reverse("api:schema")).status_code == 401
    response = _api(scenario.entry).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/indicators/" in response.json()["paths"]


def test_the_strategic_plan_results_are_published_to_unit_users(demo):
    unit_user = User.objects.get(username="birim.veri")
    client = APIClient()
    assert client.login(username="birim.veri", password="Demo-birim-2024")
    sp = client.get(_url("sp-result"), {"year": 2024}).json()
    assert sp["count"] == 52
    first = client.get(_url("sp-result"), {"year": 2024, "target": "H1.1"}).json()["results"]
    assert {r["indicator_code"] for r in first} == {"PG1.1.1", "PG1.1.2", "PG1.1.3"}
    assert client.get(_url("target-result"), {"year": 2024}).json()["count"] == 23
    own = {i["responsible_unit_code"] for i in client.get(_url("indicator")).json()["results"]}
    assert own == {unit_user.roles.get().unit.code}
