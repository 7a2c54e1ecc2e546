"""Budget arithmetic of domain.md §2, with the report's own figures (no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.calculations import BudgetFigures, budget_sum, change_percent, percent, share_pct

D = Decimal

# Tablo 9, code 6 Sermaye Giderleri.
CAPITAL = BudgetFigures(initial=D(345000000), additions=D(5884689329), deductions=D(1491058316), spending=D(3332055088))


def test_total_and_remaining():
    assert CAPITAL.total == D(4738631013)
    assert CAPITAL.remaining == D(1406575925)  # printed 1.406.575.924: a typing error of the report


def test_realization_percentages():
    assert CAPITAL.realization_pct.quantize(D("0.01")) == D("70.32")  # printed %70,31 (truncated)
    assert CAPITAL.spent_to_initial_pct.quantize(D("1")) == D(966)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(D(1), D(4), D(25)), (D(0), D(5), D(0)), (D(5), D(0), None), (D(0), D(0), None)],
)
def test_percent_of_zero_is_not_computable(part, whole, expected):
    assert percent(part, whole) == expected


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (D(9508170000), D(21631742000), D(21631742000 - 9508170000) / D(9508170000) * 100),  # Tablo 7 total, %127,5
        (D(25600000), D(24000000), D("-6.25")),  # code 7 fell
        (D(0), D(5), None),
    ],
)
def test_year_on_year_change(previous, current, expected):
    assert change_percent(previous, current) == expected


def test_sum_of_lines_and_shares():
    lines = [
        BudgetFigures(initial=D(60), spending=D(30)),
        BudgetFigures(initial=D(40), additions=D(10), spending=D(50)),
    ]
    total = budget_sum(lines)
    assert (total.initial, total.total, total.spending, total.remaining) == (D(100), D(110), D(80), D(30))
    assert share_pct(D(60), [line.initial for line in lines]) == D(60)
    assert budget_sum([]) == BudgetFigures()


amounts = st.decimals(min_value=0, max_value=10**12, places=2)


@given(st.lists(st.tuples(amounts, amounts, amounts, amounts), max_size=10))
def test_the_total_of_a_sum_is_the_sum_of_the_totals(rows):
    lines = [BudgetFigures(initial=a, additions=b, deductions=c, spending=d) for a, b, c, d in rows]
    total = budget_sum(lines)
    assert total.total == sum((line.total for line in lines), D(0))
    assert total.remaining == sum((line.remaining for line in lines), D(0))
