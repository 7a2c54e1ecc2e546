"""The entry checks of indicators.checks, as a table: each rule, each edge."""

from decimal import Decimal as D

import pytest

from indicators.checks import (
    count_refusal,
    entry_history,
    entry_refusals,
    entry_warnings,
    is_count_unit,
    narrative_requirement,
)
from plans.choices import AggregationMethod, Status


@pytest.mark.parametrize(
    ("unit", "value", "refused"),
    [
        ("Sayı", D("12"), False),
        ("SAYI", D("12.5"), True),
        ("Kişi", D("3.0000"), False),  # a whole number stored with decimals is still whole
        ("Adet", D("0.1"), True),
        ("Oran", D("12.5"), False),
        ("Yüzde", D("-1.31"), False),
        ("Sayı", None, False),
    ],
)
def test_count_indicators_refuse_decimals(unit, value, refused):
    assert (count_refusal(unit, value) is not None) is refused
    assert is_count_unit("  İŞLETME ") and not is_count_unit("TL")


@pytest.mark.parametrize(
    ("aggregation", "value", "previous", "last_year", "codes"),
    [
        ("sum", D(100), D(90), D(110), []),
        ("sum", D(301), D(100), None, ["outlier_previous_quarter"]),
        ("sum", D(300), D(100), None, []),  # exactly 3× is not beyond
        ("sum", D(33), D(100), None, ["outlier_previous_quarter"]),
        ("sum", D(100), None, D(20), ["outlier_last_year"]),
        ("sum", D(-5), D(10), D(10), ["sign_previous_quarter", "sign_last_year"]),
        ("sum", D(0), D(100), None, []),  # zero is no ratio: not an outlier
        ("last", D(80), D(100), None, ["last_decreased"]),
        ("last", D(120), D(100), None, []),
        ("sum", None, D(100), D(100), []),
    ],
)
def test_entry_warnings(aggregation, value, previous, last_year, codes):
    warnings = entry_warnings(
        aggregation=aggregation, value=value, previous_quarter=previous, same_quarter_last_year=last_year
    )
    assert [w.code for w in warnings] == codes
    assert all(w.message for w in warnings)


def test_the_outlier_factor_is_configurable():
    kwargs = {"aggregation": AggregationMethod.SUM, "previous_quarter": D(100), "same_quarter_last_year": None}
    assert entry_warnings(value=D(250), **kwargs) == []
    assert [w.code for w in entry_warnings(value=D(250), factor=D(2), **kwargs)] == ["outlier_previous_quarter"]


@pytest.mark.parametrize(
    ("status", "required"),
    [
        (Status.NOT_REACHED, True),
        (Status.EXCEEDED, True),
        (Status.PARTIALLY_REACHED, False),
        (Status.REACHED, False),
        (Status.NOT_COMPUTABLE, False),
    ],
)
def test_a_deviation_narrative_is_required_below_80_and_above_100(status, required):
    assert (narrative_requirement(status) is not None) is required


@pytest.mark.parametrize(
    ("quarter", "this_year", "last_year", "expected"),
    [
        (3, {1: D(10), 2: D(20)}, {3: D(30)}, (D(20), D(30))),
        (3, {1: D(10), 2: None}, {}, (D(10), None)),  # the latest earlier quarter with a value
        (1, {}, {4: D(40), 1: D(5)}, (D(40), D(5))),  # the first quarter follows last year's fourth
        (2, {3: D(99)}, {}, (None, None)),  # a later quarter is no history
    ],
)
def test_what_a_quarter_is_compared_with(quarter, this_year, last_year, expected):
    history = entry_history(quarter=quarter, this_year=this_year, last_year=last_year)
    assert (history.previous_quarter, history.same_quarter_last_year) == expected


def test_entry_refusals_name_the_field():
    assert [
        f
        for f, _m in entry_refusals(
            unit_of_measure="Adet", aggregation="sum", value=D("1.5"), year_end_estimate=D("2.5")
        )
    ] == [
        "value",
        "year_end_estimate",
    ]
    assert entry_refusals(unit_of_measure="Yüzde", aggregation="sum", value=D("1.5"), year_end_estimate=None) == []
    # A ratio's value is a computed rate: only its estimate is a count.
    assert entry_refusals(unit_of_measure="Sayı", aggregation="ratio", value=D("13.95"), year_end_estimate=D(2)) == []
