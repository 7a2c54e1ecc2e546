"""The refusal rules of budget.calculations: what may be deducted, spent and set as KBÖ (no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.calculations import BudgetFigures, deduction_refusal, initial_refusal, spending_refusal

D = Decimal
# KBÖ 100, +50 added, −30 deducted: total 120, 70 spent, 50 left.
LINE = BudgetFigures(initial=D(100), additions=D(50), deductions=D(30), spending=D(70))


@pytest.mark.parametrize(
    ("amount", "refused"),
    [(D(1), False), (D(50), False), (D("50.01"), True), (D(120), True), (D(0), True), (D(-5), True)],
)
def test_a_deduction_may_take_what_is_left_after_spending(amount, refused):
    assert (deduction_refusal(LINE, amount) is not None) is refused


@pytest.mark.parametrize(
    ("new_spending", "refused"),
    [(D(0), False), (D(120), False), (D("120.01"), True), (D(-1), True)],
)
def test_spending_may_not_exceed_the_total(new_spending, refused):
    assert (spending_refusal(LINE, new_spending) is not None) is refused


@pytest.mark.parametrize(
    ("new_initial", "refused"),
    [(D(100), False), (D(50), False), (D("49.99"), True), (D(0), True), (D(-1), True)],
)
def test_the_kbo_may_fall_only_while_spending_and_deductions_still_fit(new_initial, refused):
    # 50 is the least: 50 + 50 − 30 = 70 = the spending.
    assert (initial_refusal(LINE, new_initial) is not None) is refused


def test_the_message_names_the_amounts_in_turkish_format():
    big = BudgetFigures(initial=D(1009098), spending=D(0))
    message = deduction_refusal(big, D(2000000))
    assert "2.000.000,00" in message and "1.009.098,00" in message


money = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(initial=money, additions=money, deductions=money, spent_share=st.integers(0, 100), amount=money)
def test_an_allowed_deduction_keeps_spending_within_the_total(initial, additions, deductions, spent_share, amount):
    deductions = min(deductions, initial + additions)
    total = initial + additions - deductions
    figures = BudgetFigures(initial, additions, deductions, (total * spent_share / 100).quantize(D("0.01")))
    figures = BudgetFigures(initial, additions, deductions, min(figures.spending, total))
    after = BudgetFigures(initial, additions, deductions + amount, figures.spending)
    if deduction_refusal(figures, amount) is None:
        assert after.spending <= after.total
        assert after.remaining >= 0
    else:
        assert amount <= 0 or after.spending > after.total


@given(initial=money, additions=money, spending=money)
def test_spending_is_allowed_exactly_when_it_fits(initial, additions, spending):
    figures = BudgetFigures(initial=initial, additions=additions)
    assert (spending_refusal(figures, spending) is None) == (spending <= figures.total)
