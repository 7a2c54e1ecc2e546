"""The sheets' readers apply the rules of the pages they stand for, with the same messages (no database)."""

from decimal import Decimal

import pytest

from imports.readers import budget, plan
from imports.readers.base import Dataset

D = Decimal


def _line(**figures):
    return {"_row": 2, "kbo": D(100), "added": D(0), "deducted": D(0), "spent": D(0), **figures}


def test_a_budget_line_within_its_total_passes():
    assert budget.total_errors(_line(added=D(20), deducted=D(30), spent=D(90))) == []


def test_a_budget_line_spending_beyond_its_total_is_refused_with_the_budget_pages_message():
    (error,) = budget.total_errors(_line(deducted=D(30), spent=D(80)))
    assert (error.column, error.message) == ("spent", "Harcama toplamı (80,00 TL) toplam ödeneği (70,00 TL) aşıyor.")


def test_a_budget_line_deducting_more_than_it_has_is_refused_on_the_deducted_column():
    (error,) = budget.total_errors(_line(added=D(10), deducted=D(120)))
    assert error.column == "deducted"
    assert "kullanılabilir ödeneği (110,00 TL) aşıyor" in error.message


def test_weights_not_summing_to_100_are_a_warning_per_target():
    dataset = Dataset(
        rows={
            "sp_indicators": [
                {"target_code": "H2.3", "weight": D(50)},
                {"target_code": "H2.3", "weight": D(30)},
                {"target_code": "H1.1", "weight": D(100)},
            ]
        }
    )
    (warning,) = plan.weight_warnings(dataset)
    assert warning.message == "H2.3 hedefinin gösterge ağırlıkları toplamı %80, 100 değil."


def test_a_weight_with_more_decimals_than_its_column_is_refused_not_rounded(db):
    from core.numbers import NumberParseError, decimal_bound_check
    from imports.readers.base import weight

    assert weight("33.33") == Decimal("33.33")
    with pytest.raises(ValueError) as refused:
        weight("33.333")
    # The same message as the plan screen's weights (one bound rule), not a silent 33,33.
    with pytest.raises(NumberParseError) as form:
        decimal_bound_check(Decimal("33.333"), max_digits=6, decimal_places=2)
    assert str(refused.value) == str(form.value) == "En fazla 2 ondalık basamak girilebilir."
