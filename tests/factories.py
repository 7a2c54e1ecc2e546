"""factory_boy factories for the domain model."""

from decimal import Decimal

import factory

from accounts.choices import Role, UnitKind
from accounts.models import Administration, RoleAssignment, Unit, User
from indicators.models import PPIndicator, QuarterlyValue
from plans.choices import AggregationMethod, Direction
from plans.models import (
    Aim,
    PerformanceProgram,
    Program,
    SPIndicator,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    Target,
)


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ADM{n}")
    name = factory.Sequence(lambda n: f"İdare {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    administration = factory.SubFactory(AdministrationFactory)
    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Birim {n} Daire Başkanlığı")
    kind = UnitKind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"kullanici{n}")
    password = factory.django.Password("Test-parola-123")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    administration = factory.SelfAttribute("unit.administration")
    role = Role.STRATEGY


class StrategicPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPlan

    administration = factory.SubFactory(AdministrationFactory)
    code = factory.Sequence(lambda n: f"SP{n}")
    name = "2024-2028 Stratejik Planı"
    start_year = 2024
    end_year = 2028


class AimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aim

    plan = factory.SubFactory(StrategicPlanFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    title = factory.Sequence(lambda n: f"Amaç {n}")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    aim = factory.SubFactory(AimFactory)
    code = factory.Sequence(lambda n: f"H{n}")
    title = factory.Sequence(lambda n: f"Hedef {n}")
    responsible_unit = factory.SubFactory(
        UnitFactory, administration=factory.SelfAttribute("..aim.plan.administration")
    )


class SPIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SPIndicator

    target = factory.SubFactory(TargetFactory)
    code = factory.Sequence(lambda n: f"PG{n}")
    name = factory.Sequence(lambda n: f"SP göstergesi {n}")
    unit_of_measure = "Sayı"
    weight = Decimal(50)
    baseline = Decimal(100)
    direction = Direction.INCREASE
    responsible_unit = factory.SelfAttribute("target.responsible_unit")


class SPIndicatorYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SPIndicatorYear

    indicator = factory.SubFactory(SPIndicatorFactory)
    year = 2024
    target_value = Decimal(200)
    actual_value = Decimal(150)


class PerformanceProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceProgram
        django_get_or_create = ("administration", "year")

    administration = factory.SubFactory(AdministrationFactory)
    year = 2024


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    performance_program = factory.SubFactory(PerformanceProgramFactory)
    name = factory.Sequence(lambda n: f"Program {n}")


class SubProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubProgram

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Alt program {n}")


class PPIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PPIndicator

    sub_program = factory.SubFactory(SubProgramFactory)
    performance_program = factory.SelfAttribute("sub_program.program.performance_program")
    code = factory.Sequence(lambda n: f"PP.{n:04d}")
    seq = factory.Sequence(lambda n: n % 1000)
    name = factory.Sequence(lambda n: f"Performans göstergesi {n}")
    unit_of_measure = "Sayı"
    aggregation = AggregationMethod.SUM
    # Its own number of decimals as an administration would set it: a rate two, a count none.
    decimals = factory.LazyAttribute(
        lambda o: 2 if o.aggregation == AggregationMethod.RATIO or o.unit_of_measure in ("Oran", "Yüzde") else 0
    )
    target_value = Decimal(1000)
    responsible_unit = factory.SubFactory(
        UnitFactory, administration=factory.SelfAttribute("..performance_program.administration")
    )


class QuarterlyValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyValue

    indicator = factory.SubFactory(PPIndicatorFactory)
    quarter = 1
    value = Decimal(250)
