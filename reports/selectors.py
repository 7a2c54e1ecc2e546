"""Reads that put several apps' data side by side for one page."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import QuerySet

from accounts.models import Administration, Unit
from core.db import turkish_order
from indicators.models import PPIndicator
from indicators.selectors import pp_indicators_for_year
from plans.models import Aim, SPIndicator, StrategicPlan, SubProgram
from plans.selectors import sp_indicators_for_year, strategic_plan_for_year


def form4_order() -> tuple:
    """Return the order of Form-4's rows, the same for the live table and the frozen summary.

    Tablo 16 as the report prints it: programmes in the programme's order, their sub-programmes in
    Turkish alphabetical order, then each goal's indicators in the programme's order.
    """
    return ("sub_program__program__seq", turkish_order("sub_program__name"), "goal__seq", "seq", "code")


@dataclass
class AimSection:
    aim: Aim
    indicators: list[SPIndicator]


@dataclass
class SubProgramSection:
    sub_program: SubProgram
    indicators: list[PPIndicator]


@dataclass
class YearOverview:
    """The strategic plan and the performance programme of one year, grouped for display."""

    year: int
    plan: StrategicPlan | None
    aims: list[AimSection] = field(default_factory=list)
    sub_programs: list[SubProgramSection] = field(default_factory=list)


def year_overview(*, administration: Administration, year: int, units: QuerySet[Unit] | None = None) -> YearOverview:
    """Return the year's plan (aims → targets → indicators) and programme (sub-programmes → indicators).

    The strategic plan is a published document; the programme's indicators are limited to `units`.
    """
    plan = strategic_plan_for_year(administration=administration, year=year)
    overview = YearOverview(year=year, plan=plan)
    if plan is not None:
        indicators = list(sp_indicators_for_year(plan=plan, year=year))
        overview.aims = [
            AimSection(aim=aim, indicators=list(rows)) for aim, rows in groupby(indicators, key=lambda i: i.target.aim)
        ]
    pp = list(pp_indicators_for_year(administration=administration, year=year, units=units))
    overview.sub_programs = [
        SubProgramSection(sub_program=sub_program, indicators=list(rows))
        for sub_program, rows in groupby(pp, key=lambda i: i.sub_program)
    ]
    return overview
