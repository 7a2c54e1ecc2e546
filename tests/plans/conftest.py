"""A small strategic plan with a performance programme, for the plan-maintenance tests."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from accounts.choices import Role
from accounts.models import Administration, Unit, User
from indicators.models import PPIndicator
from plans.models import SPIndicator, StrategicPlan, Target
from tests.factories import (
    AimFactory,
    PerformanceProgramFactory,
    PPIndicatorFactory,
    QuarterlyValueFactory,
    RoleAssignmentFactory,
    SPIndicatorFactory,
    SPIndicatorYearFactory,
    StrategicPlanFactory,
    SubProgramFactory,
    TargetFactory,
    UnitFactory,
    UserFactory,
)

PASSWORD = "Test-parola-123"


@dataclass
class PlanSetup:
    administration: Administration
    unit: Unit
    plan: StrategicPlan
    target: Target
    with_values: SPIndicator  # fed by a PP indicator with quarterly values
    without_values: SPIndicator
    pp: PPIndicator  # 2024, has quarterly values
    pp_empty: PPIndicator  # 2024, no values
    users: dict[str, User]


def build_plan(code: str = "PLN") -> PlanSetup:
    administration = Administration.objects.create(code=code, name=f"{code} İdaresi")
    unit = UnitFactory(administration=administration, code=f"{code}-DB1", name="Birinci Daire")
    other = UnitFactory(administration=administration, code=f"{code}-DB2", name="İkinci Daire")
    strategy_unit = UnitFactory(administration=administration, code=f"{code}-SGDB", name="Strateji")
    plan = StrategicPlanFactory(administration=administration, code=f"{code}SP", start_year=2024, end_year=2028)
    aim = AimFactory(plan=plan, code="A1")
    target = TargetFactory(aim=aim, code="H1.1", responsible_unit=unit)
    with_values = SPIndicatorFactory(
        target=target, code="PG1.1.1", weight=Decimal(60), baseline=Decimal(100), is_cumulative=True
    )
    without_values = SPIndicatorFactory(target=target, code="PG1.1.2", weight=Decimal(40), baseline=Decimal(10))
    for year in range(2024, 2029):
        SPIndicatorYearFactory(
            indicator=with_values, year=year, target_value=Decimal(100 + 50 * (year - 2023)), actual_value=None
        )
        SPIndicatorYearFactory(indicator=without_values, year=year, target_value=Decimal(20), actual_value=None)
    programme = PerformanceProgramFactory(administration=administration, year=2024, strategic_plan=plan)
    sub_program = SubProgramFactory(program__performance_program=programme, name="Alt program 1")
    pp = PPIndicatorFactory(
        sub_program=sub_program, code="PP.01", responsible_unit=unit, sp_indicator=with_values,
        target_value=Decimal(50),
    )  # fmt: skip
    for quarter in (1, 2, 3, 4):
        QuarterlyValueFactory(indicator=pp, quarter=quarter, value=Decimal(10))
    pp_empty = PPIndicatorFactory(sub_program=sub_program, code="PP.02", responsible_unit=other)
    users = {}
    for name, role, in_unit in (
        ("strateji", Role.STRATEGY, strategy_unit),
        ("yonetici", Role.ADMIN, strategy_unit),
        ("ust", Role.TOP_MANAGEMENT, strategy_unit),
        ("veri", Role.UNIT_ENTRY, unit),
        ("onay", Role.UNIT_APPROVER, unit),
        ("baska", Role.UNIT_ENTRY, other),
    ):
        person = UserFactory(username=f"{code.lower()}-{name}")
        RoleAssignmentFactory(user=person, unit=in_unit, role=role)
        users[name] = person
    return PlanSetup(administration, unit, plan, target, with_values, without_values, pp, pp_empty, users)


@pytest.fixture
def setup(db) -> PlanSetup:
    return build_plan()
