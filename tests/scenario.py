"""A current-year Form-3 scenario: one unit with four indicators, its users, another unit, the directorate.

The fixtures `today` and `scenario` in tests/conftest.py build it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accounts.choices import Role
from accounts.models import Administration, Unit, User
from indicators.models import PPIndicator
from plans.choices import AggregationMethod
from tests.factories import (
    AdministrationFactory,
    PerformanceProgramFactory,
    PPIndicatorFactory,
    RoleAssignmentFactory,
    SubProgramFactory,
    UnitFactory,
    UserFactory,
)

YEAR, QUARTER = 2026, 3
OPEN_DAY = date(2026, 10, 15)  # inside the third quarter's window (01.10–31.10.2026)
PASSWORD = "Test-parola-123"


@dataclass
class Scenario:
    administration: Administration
    unit: Unit
    other_unit: Unit
    entry: User
    approver: User
    strategy: User
    top: User
    other_entry: User
    indicators: dict[str, PPIndicator]
    other_indicator: PPIndicator


def build_scenario() -> Scenario:
    """Create the scenario's administration, units, users and indicators."""
    administration = AdministrationFactory(code="TST", name="Deneme İdaresi")
    unit = UnitFactory(administration=administration, code="DB1", name="Birinci Daire Başkanlığı")
    other_unit = UnitFactory(administration=administration, code="DB2", name="İkinci Daire Başkanlığı")
    strategy_unit = UnitFactory(administration=administration, code="SGDB", name="Strateji Geliştirme")

    def user(username: str, role: str, in_unit: Unit) -> User:
        person = UserFactory(username=username, first_name=username.title(), email=f"{username}@example.gov.tr")
        RoleAssignmentFactory(user=person, unit=in_unit, role=role)
        return person

    programme = PerformanceProgramFactory(administration=administration, year=YEAR)
    sub_program = SubProgramFactory(program__performance_program=programme, name="Göçmenlere Yönelik Hizmetler")
    common = {"sub_program": sub_program, "responsible_unit": unit}
    indicators = {
        "sum": PPIndicatorFactory(
            code="T.01", seq=1, name="Sınır dışı edilen yabancı sayısı", target_value=Decimal(50000), **common,
        ),
        "ratio": PPIndicatorFactory(
            code="T.02", seq=2, name="Geri dönüş oranı", aggregation=AggregationMethod.RATIO, unit_of_measure="Oran",
            target_value=Decimal(50), **common,
        ),
        "last": PPIndicatorFactory(
            code="T.03", seq=3, name="Personel artış oranı", aggregation=AggregationMethod.LAST, allows_negative=True,
            unit_of_measure="Yüzde", target_value=Decimal(5), **common,
        ),
        "manual": PPIndicatorFactory(
            code="T.04", seq=4, name="Yıllık memnuniyet", aggregation=AggregationMethod.MANUAL,
            target_value=Decimal(80), **common,
        ),
    }  # fmt: skip
    other_indicator = PPIndicatorFactory(
        code="T.99", name="Başka birimin göstergesi", sub_program=sub_program, responsible_unit=other_unit
    )
    return Scenario(
        administration=administration,
        unit=unit,
        other_unit=other_unit,
        entry=user("veri", Role.UNIT_ENTRY, unit),
        approver=user("onay", Role.UNIT_APPROVER, unit),
        strategy=user("strateji", Role.STRATEGY, strategy_unit),
        top=user("baskan", Role.TOP_MANAGEMENT, strategy_unit),
        other_entry=user("baska", Role.UNIT_ENTRY, other_unit),
        indicators=indicators,
        other_indicator=other_indicator,
    )
