"""Drill: hypothesis throws ≥ 10.000 inputs at every form that takes numbers or text.

Each form is fuzzed on its own (Form-3 row for each aggregation, the return comment, the
exception, the admin's quarterly value), then the pages that bind them are posted to: 0 server
errors, and every stored value fits its column and the rules (numeric(20, 4), no minus where the
indicator forbids it, a ratio's denominator above zero).
"""

import os
from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.models import QuarterlyValue
from submissions.admin import QuarterlyValueAdminForm
from submissions.forms import ExceptionForm, QuarterRowForm, ReturnForm
from tests.drills.figures import report
from tests.scenario import QUARTER, YEAR

pytestmark = [pytest.mark.drill, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("DRILL_FUZZ_EXAMPLES", "10000"))
# A page example is two requests rendering the whole form (~0,1 s here): 2.000 by default.
PAGE_EXAMPLES = int(os.environ.get("DRILL_FUZZ_PAGE_EXAMPLES", "1000"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
PAGE_FUZZ = settings(FUZZ, max_examples=PAGE_EXAMPLES)
VALUE_FIELD = QuarterlyValue._meta.get_field("value")

# Numbers typed the Turkish way, valid more often than not, so that pages get saved too.
turkish = st.decimals(min_value=-(10**15), max_value=10**15, places=2).map(
    lambda d: f"{d:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
)
# What a person, a paste from a spreadsheet or a script might send.
typed = st.one_of(
    turkish,
    st.integers(min_value=0, max_value=10**9).map(str),
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-+ eE\u00a0", max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(lambda n: f"{n:,}".replace(",", ".")),
    st.floats().map(str),
    st.sampled_from(["", "NaN", "-0", "1,2,3", "1.00.0", "١٢٣", "0x10", "1e5", "--1", " 18,99 ", "\x00", "9" * 40]),
)
text = st.one_of(st.text(max_size=300), st.sampled_from(["", " ", "\x00", "a\x00b", "<script>x</script>", "ı" * 9000]))
flag = st.sampled_from(["", "on", "true", "0", "x"])
version = st.one_of(st.sampled_from(["", "1", "2", "0", "-1", "abc", "1.5", "9" * 30]), st.text(max_size=5))
# On the page, mostly the version the user really loaded (CURRENT), so that saves get through.
page_version = st.one_of(st.just("CURRENT"), st.just("CURRENT"), version)
tally: Counter[str] = Counter()


def _invalid_stored(indicator) -> list[str]:
    """Return every stored figure of the indicator that breaks its column or the rules."""
    invalid = []
    for row in QuarterlyValue.objects.filter(indicator=indicator):
        for name in ("value", "numerator", "denominator", "year_end_estimate"):
            number = getattr(row, name)
            try:
                if number is not None:
                    VALUE_FIELD.clean(number, None)
            except ValidationError:
                invalid.append(f"{row} {name}={number}")
        if row.value is not None and row.value < 0 and not indicator.allows_negative:
            invalid.append(f"{row} value={row.value} (no minus allowed)")
        if row.denominator is not None and row.denominator <= 0:
            invalid.append(f"{row} denominator={row.denominator}")
        if "\x00" in row.narrative + row.no_data_reason:
            invalid.append(f"{row} text with NUL")
    return invalid


@pytest.mark.parametrize("kind", ["sum", "ratio", "last", "manual"])
def test_form3_row_form(scenario, kind):
    indicator = scenario.indicators[kind]

    @FUZZ
    @given(value=typed, numerator=typed, denominator=typed, estimate=typed, narrative=text, no_data=flag, reason=text)
    def fuzz(value, numerator, denominator, estimate, narrative, no_data, reason):
        data = {"value": value, "numerator": numerator, "denominator": denominator, "year_end_estimate": estimate,
                "narrative": narrative, "no_data": no_data, "no_data_reason": reason}  # fmt: skip
        form = QuarterRowForm({f"r-{k}": v for k, v in data.items()}, prefix="r", indicator=indicator, quarter=QUARTER)
        tally[f"Form-3 row ({kind})"] += 1
        if not form.is_valid():
            assert all(isinstance(m, str) and m for errors in form.errors.values() for m in errors)
            return
        for name in ("value", "numerator", "denominator", "year_end_estimate"):
            number = form.cleaned_data[name]
            if number is not None:
                assert isinstance(number, Decimal) and number.is_finite()
                VALUE_FIELD.clean(number, None)

    fuzz()


def test_return_and_exception_forms():
    @FUZZ
    @given(comment=text, expires_on=st.one_of(typed, st.dates().map(str)), reason=text)
    def fuzz(comment, expires_on, reason):
        tally["return comment"] += 1
        tally["exception (date, reason)"] += 1
        for form in (ReturnForm({"comment": comment}), ExceptionForm({"expires_on": expires_on, "reason": reason})):
            if not form.is_valid():
                assert all(isinstance(m, str) and m for errors in form.errors.values() for m in errors)

    fuzz()


def test_admin_quarterly_value_form(scenario):
    indicator = scenario.indicators["sum"]

    @FUZZ
    @given(quarter=version, value=typed, numerator=typed, denominator=typed, estimate=typed, narrative=text)
    def fuzz(quarter, value, numerator, denominator, estimate, narrative):
        tally["admin quarterly value"] += 1
        form = QuarterlyValueAdminForm(
            {"indicator": str(indicator.pk), "quarter": quarter, "value": value, "numerator": numerator,
             "denominator": denominator, "year_end_estimate": estimate, "narrative": narrative, "no_data_reason": ""}
        )  # fmt: skip
        if form.is_valid():
            row = form.save(commit=False)
            for name in ("value", "numerator", "denominator", "year_end_estimate"):
                if getattr(row, name) is not None:
                    VALUE_FIELD.clean(getattr(row, name), None)

    fuzz()


def test_form3_page_and_preview(scenario):
    client = Client()
    client.force_login(scenario.entry)
    url = reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])
    statuses: Counter[int] = Counter()
    invalid: list[str] = []

    fuzz_row = st.fixed_dictionaries(
        {"version": page_version, "value": typed, "numerator": typed, "denominator": typed,
         "year_end_estimate": typed, "narrative": text, "no_data": flag, "no_data_reason": text}
    )  # fmt: skip
    positive = st.integers(min_value=1, max_value=10**6).map(str)
    fair_text = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=200)

    def fair_row(kind: str):
        """A row a careful person would type for this kind of indicator."""
        figures = {
            "sum": {"value": turkish.filter(lambda t: not t.startswith("-"))},
            "ratio": {"numerator": positive, "denominator": positive},
            "last": {"value": turkish},
            "manual": {},
        }[kind]
        return st.fixed_dictionaries(
            {"version": st.just("CURRENT"), "year_end_estimate": st.one_of(st.just(""), turkish),
             "narrative": fair_text, **figures}
        )  # fmt: skip

    @PAGE_FUZZ
    @given(
        form_version=page_version,
        rows=st.fixed_dictionaries(
            {key: st.one_of(fair_row(key), fair_row(key), fuzz_row) for key in ("sum", "ratio", "last", "manual")}
        ),
    )
    def fuzz(form_version, rows):
        submission = scenario.unit.submissions.filter(year=YEAR, quarter=QUARTER).first()
        current = {"form": str(submission.version if submission else 1)}
        for row in QuarterlyValue.objects.filter(indicator__responsible_unit=scenario.unit, quarter=QUARTER):
            current[row.indicator_id] = str(row.version)
        data = {"form_version": current["form"] if form_version == "CURRENT" else form_version}
        for key, fields in rows.items():
            indicator = scenario.indicators[key]
            for name, v in fields.items():
                if name == "version" and v == "CURRENT":
                    v = current.get(indicator.pk, "")
                if not (name == "no_data" and not v):
                    data[f"i{indicator.pk}-{name}"] = v
        response = client.post(url, data)
        statuses[response.status_code] += 1
        assert response.status_code in (302, 400, 409), response.status_code
        preview = reverse(
            "submissions:preview", args=[scenario.unit.code, YEAR, QUARTER, scenario.indicators["ratio"].pk]
        )
        answer = client.post(preview, data)
        statuses[answer.status_code] += 1
        assert answer.status_code == 200, answer.status_code
        for indicator in scenario.indicators.values():
            invalid.extend(_invalid_stored(indicator))
        tally["Form-3 page + live preview"] += 1

    try:
        fuzz()
    finally:
        report(
            "Fuzzing (hypothesis)",
            [*((f"examples: {name}", n) for name, n in sorted(tally.items())),
             *((f"page answers {status}", n) for status, n in sorted(statuses.items())),
             ("server errors (goal 0)", sum(n for s, n in statuses.items() if s >= 500)),
             ("invalid values stored (goal 0)", len(invalid))],
        )  # fmt: skip
    assert invalid == []
