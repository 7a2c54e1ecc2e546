"""A large synthetic administration for benchmarks: every aggregation method and direction, SP links.

Deterministic (seeded). On PostgreSQL the big tables are written with COPY; elsewhere with
bulk_create. The administration has the code SYN and is replaced if it exists.
"""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.choices import UnitKind
from accounts.models import Administration, RoleAssignment, Unit
from budget.models import BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from budget.services import budget_year_end_records_create
from indicators.models import PPIndicator, QuarterlyValue
from plans.choices import AggregationMethod, Direction
from plans.models import (
    Activity,
    Aim,
    PerformanceProgram,
    Program,
    SPIndicator,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    Target,
)
from submissions.models import QuarterException, Submission

CODE = "SYN"
METHODS = [m.value for m in AggregationMethod]
FIRST_YEAR = 2024


@dataclass(frozen=True)
class SyntheticSize:
    units: int
    indicators_per_unit: int
    years: int

    @property
    def quarterly_values(self) -> int:
        return self.units * self.indicators_per_unit * self.years * 4


def _copy(model, columns: list[str], rows: Iterator[tuple]) -> None:
    """Write rows into the model's table: COPY on PostgreSQL, bulk_create elsewhere.

    COPY fills an unlisted column with the database's default, and Django keeps its defaults in
    Python: every other non-null field is written with its default ('' for text) (a field added later, such as a
    data source or a flag, needs no change here).
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        defaults = [
            field
            for field in model._meta.concrete_fields
            if field.name not in columns and not field.primary_key and not field.null
        ]
        names = [model._meta.get_field(c).column for c in columns] + [field.column for field in defaults]
        cols = ", ".join(connection.ops.quote_name(name) for name in names)
        extra = tuple(field.get_default() for field in defaults)
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row + extra)
    else:
        batch = []
        for row in rows:
            batch.append(model(**dict(zip(columns, row, strict=True))))
            if len(batch) == 5000:
                model.objects.bulk_create(batch)
                batch = []
        model.objects.bulk_create(batch)


@transaction.atomic
def synthetic_generate(*, size: SyntheticSize, seed: int = 2024) -> Administration:
    """Create (or recreate) the synthetic administration of the given size."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    old = Administration.objects.filter(code=CODE).first()
    if old is not None:
        _delete(old)
    now = timezone.now()
    admin = Administration.objects.create(code=CODE, name="Sentetik İdare (kıyaslama)")
    units = _units_create(admin=admin, size=size)
    last_year = FIRST_YEAR + size.years - 1
    plan, sp_indicators = _plan_create(admin=admin, units=units, last_year=last_year, rng=rng)
    pp_rows = _programmes_create(
        admin=admin,
        plan=plan,
        units=units,
        sp_indicators=sp_indicators,
        size=size,
        last_year=last_year,
        rng=rng,
        now=now,
    )
    _figures_copy(admin=admin, pp_rows=pp_rows, rng=rng, now=now)
    return admin


def _units_create(*, admin: Administration, size: SyntheticSize) -> list[Unit]:
    """Create the directorate general and its units."""
    root = Unit.objects.create(
        administration=admin, code="SYN-GM", name="Sentetik Genel Müdürlük", kind=UnitKind.DIRECTORATE_GENERAL
    )
    return Unit.objects.bulk_create(
        [
            Unit(
                administration=admin,
                parent=root,
                code=f"U{i:03d}",
                name=f"Sentetik Birim {i}",
                kind=UnitKind.DEPARTMENT,
            )
            for i in range(size.units)
        ]
    )


def _plan_create(
    *, admin: Administration, units: list[Unit], last_year: int, rng: random.Random
) -> tuple[StrategicPlan, list[SPIndicator]]:
    """Create the strategic plan: 6 aims, 4 targets each, one SP indicator per unit with yearly targets."""
    plan = StrategicPlan.objects.create(
        administration=admin,
        code="SP-SYN",
        name="Sentetik Stratejik Plan",
        start_year=FIRST_YEAR,
        end_year=max(last_year, FIRST_YEAR + 4),
    )
    aims = Aim.objects.bulk_create([Aim(plan=plan, code=f"A{a}", title=f"Amaç {a}") for a in range(1, 7)])
    targets = Target.objects.bulk_create(
        [
            Target(
                aim=aim,
                code=f"H{aim.code[1:]}.{t}",
                title=f"Hedef {t}",
                responsible_unit=units[(a * 4 + t) % len(units)],
            )
            for a, aim in enumerate(aims)
            for t in range(1, 5)
        ]
    )
    sp_indicators = _sp_indicators_create(targets=targets, units=units, rng=rng)
    SPIndicatorYear.objects.bulk_create(
        [
            SPIndicatorYear(
                indicator=sp,
                year=year,
                target_value=sp.baseline + Decimal(rng.randint(50, 5000) * (year - FIRST_YEAR + 1)),
            )
            for sp in sp_indicators
            for year in range(FIRST_YEAR, last_year + 1)
        ]
    )
    return plan, sp_indicators


def _sp_indicators_create(*, targets: list[Target], units: list[Unit], rng: random.Random) -> list[SPIndicator]:
    """Create one SP indicator per unit, 4–5 per target with weights summing to 100, each fed by a PP series."""
    sp_indicators = []
    for i, unit in enumerate(units):
        target = targets[i % len(targets)]
        sp_indicators.append(
            SPIndicator(
                target=target,
                code=f"PG{target.code[1:]}.{i}",
                name=f"SP göstergesi {i}",
                unit_of_measure="Sayı",
                weight=Decimal(0),
                baseline=Decimal(rng.randint(100, 1000)),
                direction=Direction.INCREASE,
                is_cumulative=i % 2 == 0,
                responsible_unit=unit,
            )
        )
    by_target: dict[int, list[SPIndicator]] = {}
    for sp in sp_indicators:
        by_target.setdefault(id(sp.target), []).append(sp)
    for group in by_target.values():
        share = Decimal(100) / len(group)
        for sp in group:
            sp.weight = share.quantize(Decimal("0.01"))
        group[-1].weight = Decimal(100) - sum(sp.weight for sp in group[:-1])
    SPIndicator.objects.bulk_create(sp_indicators)
    return sp_indicators


def _programmes_create(
    *,
    admin: Administration,
    plan: StrategicPlan,
    units: list[Unit],
    sp_indicators: list[SPIndicator],
    size: SyntheticSize,
    last_year: int,
    rng: random.Random,
    now: datetime.datetime,
) -> list[tuple]:
    """Create each year's programme and budget lines; return the PP indicators' rows to copy."""
    # Codes of the national classification, shipped by migration (budget.catalogue).
    econ = {code: EconomicCode.objects.get(code=code) for code in ("01", "03")}
    pp_rows = []
    for year in range(FIRST_YEAR, last_year + 1):
        programme = PerformanceProgram.objects.create(administration=admin, year=year, strategic_plan=plan)
        program = Program.objects.create(performance_program=programme, name="Sentetik Program", seq=1)
        sub_programs = SubProgram.objects.bulk_create(
            [SubProgram(program=program, name=f"Alt Program {s}", seq=s) for s in range(1, 11)]
        )
        activities = Activity.objects.bulk_create(
            [Activity(sub_program=sp, name=f"Faaliyet {sp.seq}") for sp in sub_programs]
        )
        _budget_lines_create(admin=admin, year=year, economic_codes=econ, activities=activities, units=units, rng=rng)
        for u, unit in enumerate(units):
            for n in range(size.indicators_per_unit):
                method = METHODS[n % len(METHODS)]
                direction = Direction.DECREASE if n % 7 == 3 else Direction.INCREASE
                pp_rows.append(
                    (
                        programme.pk,
                        sub_programs[n % len(sub_programs)].pk,
                        f"U{u:03d}.{n:04d}",
                        n,
                        f"Gösterge {u}-{n}",
                        "Oran" if method == AggregationMethod.RATIO else "Sayı",
                        direction,
                        method,
                        n % 11 == 5,
                        year - 1,
                        Decimal(rng.randint(0, 10_000)),
                        Decimal(rng.randint(0, 10_000)),  # a target of 0 now and then: not computable
                        unit.pk,
                        sp_indicators[u].pk if n == 0 else None,
                        now,
                        now,
                    )
                )
    return pp_rows


def _budget_lines_create(
    *,
    admin: Administration,
    year: int,
    economic_codes: dict[str, EconomicCode],
    activities: list[Activity],
    units: list[Unit],
    rng: random.Random,
) -> None:
    """Create the year's budget lines, two per unit, with the records their totals are derived from."""
    lines = BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                administration=admin,
                year=year,
                economic_code=economic_codes[code],
                activity=activities[i % len(activities)],
                unit=unit,
                initial_appropriation=Decimal(1_000_000),
                additions=Decimal(200_000),
                deductions=Decimal(100_000),
                spending=Decimal(rng.randint(0, 1_100_000)),
            )
            for i, unit in enumerate(units)
            for code in economic_codes
        ]
    )
    # Eklenen, düşülen and harcama are derived from records: give the generated totals theirs.
    budget_year_end_records_create(lines=lines, reason="Sentetik veri: yıl sonu toplamı")


def _figures_copy(*, admin: Administration, pp_rows: list[tuple], rng: random.Random, now) -> None:
    """Copy the PP indicators and their quarterly values in (COPY on PostgreSQL)."""
    columns = [
        "performance_program", "sub_program", "code", "seq", "name", "unit_of_measure", "direction", "aggregation",
        "allows_negative", "prev_year", "prev_value", "target_value", "responsible_unit", "sp_indicator",
        "created_at", "updated_at",
    ]  # fmt: skip
    _copy(PPIndicator, columns, iter(pp_rows))
    indicators = PPIndicator.objects.filter(performance_program__administration=admin).values_list(
        "pk", "aggregation", "allows_negative"
    )
    _copy(
        QuarterlyValue,
        [
            "indicator",
            "quarter",
            "value",
            "numerator",
            "denominator",
            "year_end_estimate",
            "narrative",
            "no_data_reason",
            "version",
            "created_at",
            "updated_at",
        ],
        _quarterly_rows(list(indicators), rng, now),
    )


def _quarterly_rows(indicators, rng: random.Random, now) -> Iterator[tuple]:
    for pk, method, allows_negative in indicators:
        for quarter in (1, 2, 3, 4):
            if rng.random() < 0.03:
                value = numerator = denominator = None  # a missing quarter
            elif method == AggregationMethod.RATIO:
                denominator = Decimal(rng.randint(1, 500))
                numerator = Decimal(rng.randint(0, int(denominator)))
                value = (numerator / denominator * 100).quantize(Decimal("0.0001"))
            else:
                numerator = denominator = None
                value = Decimal(rng.randint(-50 if allows_negative else 0, 3000))
                if method == AggregationMethod.MANUAL and quarter < 4:
                    value = None
            estimate = Decimal(rng.randint(0, 12_000)) if quarter == 4 else None
            yield (pk, quarter, value, numerator, denominator, estimate, "", "", 1, now, now)


def _delete(administration: Administration) -> None:
    """Remove a previous synthetic administration, children first.

    The benchmarks give their users roles on its units (bench_dashboard, bench_budget): those go
    first, or the units they protect could not be removed and a second `make bench` would fail.
    """
    RoleAssignment.objects.filter(Q(administration=administration) | Q(unit__administration=administration)).delete()
    QuarterException.objects.filter(unit__administration=administration).delete()
    Submission.objects.filter(unit__administration=administration).delete()
    QuarterlyValue.objects.filter(indicator__performance_program__administration=administration).delete()
    PPIndicator.objects.filter(performance_program__administration=administration).delete()
    BudgetTransfer.objects.filter(administration=administration).delete()
    BudgetSpending.objects.filter(line__administration=administration).delete()
    BudgetLine.objects.filter(administration=administration).delete()
    PerformanceProgram.objects.filter(administration=administration).delete()
    StrategicPlan.objects.filter(administration=administration).delete()
    administration.recompute_runs.all().delete()
    administration.budget_aggregates.all().delete()
    Unit.objects.filter(administration=administration, parent__isnull=False).delete()
    Unit.objects.filter(administration=administration).delete()
    administration.delete()
