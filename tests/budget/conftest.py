"""A small budget: one administration, two lines of one year, a financial-services user."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from accounts.choices import Role
from accounts.models import Administration, User
from budget.models import BudgetLine, EconomicCode
from tests.factories import (
    AdministrationFactory,
    PerformanceProgramFactory,
    RoleAssignmentFactory,
    SubProgramFactory,
    UnitFactory,
    UserFactory,
)

YEAR = 2026


@dataclass
class Budget:
    administration: Administration
    goods: BudgetLine  # 03 Mal ve Hizmet Alımı: KBÖ 1.000
    capital: BudgetLine  # 06 Sermaye Giderleri: KBÖ 500
    finance: User
    strategy: User
    unit_user: User


@pytest.fixture
def budget(db) -> Budget:
    administration = AdministrationFactory(code="BDT", name="Bütçe İdaresi")
    unit = UnitFactory(administration=administration, code="DB1", name="Birinci Daire Başkanlığı")
    sgdb = UnitFactory(administration=administration, code="SGDB", name="Strateji Geliştirme")
    programme = PerformanceProgramFactory(administration=administration, year=YEAR)
    sub_program = SubProgramFactory(program__performance_program=programme, name="Göç Yönetimi")
    activity = sub_program.activities.create(name="Düzensiz göçle mücadele", seq=1)
    goods = EconomicCode.objects.get(code="03")
    capital = EconomicCode.objects.get(code="06")

    def line(code: EconomicCode, kbo: int) -> BudgetLine:
        return BudgetLine.objects.create(
            administration=administration,
            year=YEAR,
            economic_code=code,
            activity=activity,
            unit=unit,
            initial_appropriation=Decimal(kbo),
        )

    def user(username: str, role: str, in_unit) -> User:
        person = UserFactory(username=username)
        RoleAssignmentFactory(user=person, unit=in_unit, role=role)
        return person

    return Budget(
        administration=administration,
        goods=line(goods, 1000),
        capital=line(capital, 500),
        finance=user("mali", Role.FINANCE, sgdb),
        strategy=user("strateji", Role.STRATEGY, sgdb),
        unit_user=user("veri", Role.UNIT_ENTRY, unit),
    )
