"""The pure rules of plan maintenance."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.calculations import code_nested, needs_reason, pp_target_suggestion, units_compatible, weights_complete


@pytest.mark.parametrize(
    ("weights", "complete"),
    [
        ([Decimal(40), Decimal(30), Decimal(30)], True),
        ([Decimal("33.33"), Decimal("33.33"), Decimal("33.34")], True),
        ([Decimal(40), Decimal(40)], False),  # H2.3 of the printed plan sums to 80
        ([Decimal(100), Decimal("0.01")], False),
        ([], False),
    ],
)
def test_weights_complete(weights, complete):
    assert weights_complete(weights) is complete


@given(st.lists(st.integers(min_value=0, max_value=10000), min_size=1, max_size=8))
def test_weights_complete_exactly_when_hundredths_sum_to_10000(hundredths):
    weights = [Decimal(h) / 100 for h in hundredths]
    assert weights_complete(weights) is (sum(hundredths) == 10000)


@pytest.mark.parametrize(
    ("sp", "pp", "expected"),
    [
        ("adet", "Sayı", True),
        ("Adet", "SAYI", True),
        ("Kişi", "Sayı", True),
        ("%", "Oran", True),
        ("Yüzde", "oran", True),
        ("km", "Sayı", False),
        ("%", "Sayı", False),
        ("TL", "TL", True),
        ("", "Sayı", None),
    ],
)
def test_units_compatible(sp, pp, expected):
    assert units_compatible(sp, pp) is expected


@pytest.mark.parametrize(
    ("child", "parent", "nested"),
    [("H1.1", "A1", True), ("PG1.1.2", "H1.1", True), ("PG1.2.1", "H1.1", False), ("H11.1", "A1", False),
     ("H2.3", "A2", True), ("PG1.1", "H1.1", False)],
)  # fmt: skip
def test_code_nested(child, parent, nested):
    assert code_nested(child, parent) is nested


def test_reason_needed_only_for_revised_fields_once_values_exist():
    assert needs_reason(changed=["name", "target_value"], revised_fields=["target_value"], has_values=True) == [
        "target_value"
    ]
    assert needs_reason(changed=["target_value"], revised_fields=["target_value"], has_values=False) == []
    assert needs_reason(changed=["name"], revised_fields=["target_value"], has_values=True) == []


def test_pp_target_suggestion_follows_the_sp_indicator_kind():
    # PG1.1.1: A 200.000, 2024 B 405.000 → the 2024 PP target is the step, 205.000.
    assert pp_target_suggestion(
        cumulative=True, baseline=Decimal(200000), previous_target=None, year_target=Decimal(405000)
    ) == Decimal(205000)
    assert pp_target_suggestion(
        cumulative=True, baseline=Decimal(200000), previous_target=Decimal(405000), year_target=Decimal(610000)
    ) == Decimal(205000)
    assert pp_target_suggestion(
        cumulative=False, baseline=Decimal(1), previous_target=Decimal(5), year_target=Decimal(7)
    ) == Decimal(7)
    assert pp_target_suggestion(cumulative=False, baseline=Decimal(1), previous_target=None, year_target=None) is None
