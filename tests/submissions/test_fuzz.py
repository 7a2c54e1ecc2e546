"""Fuzzing the number fields: whatever is typed, no server error and nothing invalid is stored."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.models import QuarterlyValue
from submissions.forms import QuarterRowForm
from tests.factories import PPIndicatorFactory
from tests.scenario import PASSWORD, QUARTER, YEAR

VALUE_FIELD = QuarterlyValue._meta.get_field("value")

# Text a person (or a script) might type: Turkish and English numbers, junk, huge and tiny numbers.
typed = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-+ eE", max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**25), max_value=10**25).map(lambda n: f"{n:,}".replace(",", ".")),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1,2,3", "1.00.0", "١٢٣", "0x10", "1e5", "--1", " 18,99 "]),
)


@pytest.fixture(scope="module")
def indicator(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        made = PPIndicatorFactory.build(allows_negative=False)
    return made


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=typed, estimate=typed)
def test_form_accepts_only_storable_numbers(indicator, value, estimate):
    form = QuarterRowForm(
        {"r-value": value, "r-year_end_estimate": estimate}, prefix="r", indicator=indicator, quarter=1
    )
    if form.is_valid():
        for name in ("value", "year_end_estimate"):
            number = form.cleaned_data[name]
            if number is None:
                continue
            assert isinstance(number, Decimal) and number.is_finite()
            VALUE_FIELD.clean(number, None)  # fits numeric(20, 4): raises ValidationError otherwise
            assert number >= 0 or name == "year_end_estimate"
    else:
        assert all(isinstance(message, str) and message for errors in form.errors.values() for message in errors)


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=typed)
def test_the_page_never_fails_whatever_is_typed(client, scenario, value):
    client.login(username=scenario.entry.username, password=PASSWORD)
    indicator = scenario.indicators["sum"]
    stored_before = list(QuarterlyValue.objects.values_list("indicator_id", "value"))
    url = reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])
    version = str(scenario.unit.submissions.first().version) if scenario.unit.submissions.exists() else "1"
    response = client.post(url, {"form_version": version, f"i{indicator.pk}-value": value})
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert list(QuarterlyValue.objects.values_list("indicator_id", "value")) == stored_before
    for row in QuarterlyValue.objects.all():
        if row.value is not None:
            try:
                VALUE_FIELD.clean(row.value, None)
            except ValidationError:  # pragma: no cover - the assertion below reports it
                pytest.fail(f"invalid value stored: {row.value}")
            assert row.value >= 0
