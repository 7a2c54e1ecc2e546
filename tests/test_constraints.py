"""The database itself refuses data that breaks the domain's invariants."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budget.models import BudgetLine, EconomicCode
from indicators.models import QuarterlyValue
from plans.models import SPIndicator
from submissions.models import Submission
from tests.factories import (
    PerformanceProgramFactory,
    PPIndicatorFactory,
    QuarterlyValueFactory,
    SPIndicatorFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_quarter_must_be_1_to_4():
    indicator = PPIndicatorFactory()
    _refused(lambda: QuarterlyValue.objects.create(indicator=indicator, quarter=5, value=1))
    _refused(lambda: QuarterlyValue.objects.create(indicator=indicator, quarter=0, value=1))
    unit = UnitFactory()
    _refused(lambda: Submission.objects.create(unit=unit, year=2024, quarter=5))


def test_one_value_per_indicator_and_quarter():
    value = QuarterlyValueFactory(quarter=2)
    _refused(lambda: QuarterlyValue.objects.create(indicator=value.indicator, quarter=2, value=3))


def test_ratio_parts_come_together_and_denominator_is_positive():
    indicator = PPIndicatorFactory()
    _refused(lambda: QuarterlyValue.objects.create(indicator=indicator, quarter=1, numerator=3))
    _refused(lambda: QuarterlyValue.objects.create(indicator=indicator, quarter=1, numerator=3, denominator=0))


def test_weight_between_0_and_100():
    indicator = SPIndicatorFactory()
    _refused(lambda: SPIndicator.objects.filter(pk=indicator.pk).update(weight=Decimal("100.01")))
    _refused(lambda: SPIndicator.objects.filter(pk=indicator.pk).update(weight=Decimal("-1")))


def test_indicator_codes_unique_per_administration_and_year():
    first = PPIndicatorFactory(code="GYH.01")
    _refused(lambda: PPIndicatorFactory(code="GYH.01", sub_program=first.sub_program))
    # The same code in the next year's programme, or in another administration, is fine.
    next_year = PerformanceProgramFactory(administration=first.performance_program.administration, year=2025)
    PPIndicatorFactory(code="GYH.01", sub_program__program__performance_program=next_year)
    PPIndicatorFactory(code="GYH.01")


def test_unit_codes_unique_per_administration():
    unit = UnitFactory(code="SGDB")
    _refused(lambda: UnitFactory(code="SGDB", administration=unit.administration))
    UnitFactory(code="SGDB")


def test_budget_line_refuses_overspending_and_over_deduction():
    unit = UnitFactory()
    code = EconomicCode.objects.create(code="1", name="Personel Giderleri")
    common = {"administration": unit.administration, "year": 2024, "economic_code": code, "unit": unit}
    _refused(lambda: BudgetLine.objects.create(**common, initial_appropriation=100, spending=101))
    _refused(lambda: BudgetLine.objects.create(**common, initial_appropriation=100, additions=10, deductions=111))
    BudgetLine.objects.create(**common, initial_appropriation=100, additions=10, deductions=10, spending=100)
    # One line per (year, code, activity, unit), even with no activity (NULLS NOT DISTINCT).
    _refused(lambda: BudgetLine.objects.create(**common, initial_appropriation=5))
