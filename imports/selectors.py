"""Reads for the importer: which quarters a data set may not change, and an administration's data as sheets."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Administration, Unit
from budget.models import BudgetLine
from imports.dataset import Dataset, RowError
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import (
    Activity,
    Aim,
    SPIndicator,
    SPIndicatorYear,
    StrategicPlan,
    SubProgramGoal,
    Target,
    TargetYear,
)
from reports.models import PrintedFigure
from submissions.locks import closed_year_message, closed_years, frozen_quarters
from submissions.workflow import LockReason

# The quarterly value fields an import writes; a row that differs in any of them is a change.
VALUE_FIELDS = ("value", "numerator", "denominator", "year_end_estimate", "narrative")


@dataclass(frozen=True)
class LockedRow:
    """A quarterly value row that would change a locked quarter: its error and what it tried."""

    error: RowError
    unit_id: int | None  # None for an indicator code the administration does not have
    year: int
    quarter: int
    lock: LockReason
    attempted: dict[str, Any]


def locked_quarter_rows(*, dataset: Dataset, administration_code: str) -> list[LockedRow]:
    """Return every quarterly value row that would change a locked quarter (six queries).

    A quarter is locked for an import when the year was closed (reports.year_close) or the responsible
    unit's submission of that quarter is submitted or approved (submissions.locks). A row that repeats what is stored is
    no change and passes, so a workbook exported after the lock imports again unchanged.
    """
    rows = dataset.sheet("quarterly_values")
    if not rows:
        return []
    administration = Administration.objects.filter(code=administration_code).first()
    if administration is None:
        return []
    years = {r["year"] for r in rows}
    closed = closed_years(administration_id=administration.pk, years=years)
    indicators = {
        (i["performance_program__year"], i["code"]): i
        for i in PPIndicator.objects.filter(
            performance_program__administration=administration, performance_program__year__in=years
        ).values("id", "code", "performance_program__year", "responsible_unit_id")
    }
    stored = {
        (q["indicator_id"], q["quarter"]): q
        for q in QuarterlyValue.objects.filter(
            indicator__performance_program__administration=administration,
            indicator__performance_program__year__in=years,
        ).values("indicator_id", "quarter", *VALUE_FIELDS)
    }
    # A submitted or approved quarter is no longer the unit's to change, nor an import's (the one
    # definition of a frozen quarter, submissions.locks).
    locks = frozen_quarters(unit_ids={i["responsible_unit_id"] for i in indicators.values()}, years=years)
    locked = []
    for r in rows:
        indicator = indicators.get((r["year"], r["indicator_code"]))
        old = stored.get((indicator["id"], r["quarter"])) if indicator else None
        new = {f: r.get(f) if f != "narrative" else (r.get(f) or "") for f in VALUE_FIELDS}
        if old is not None and all(old[f] == new[f] for f in VALUE_FIELDS):
            continue
        unit_id = indicator["responsible_unit_id"] if indicator else None
        if r["year"] in closed:
            reason, lock = closed_year_message(r["year"]).rstrip("."), LockReason.YEAR_CLOSED
        elif indicator and (found := locks.get((indicator["responsible_unit_id"], r["year"], r["quarter"]))):
            lock = found
            reason = _("%(year)s yılı %(quarter)s. dönem kilitli (%(lock)s)") % {
                "year": r["year"],
                "quarter": r["quarter"],
                "lock": found.label,
            }
        else:
            continue
        error = RowError(
            "quarterly_values",
            r["_row"],
            "value",
            _("%(reason)s; “%(code)s” göstergesinin bu dönemdeki değeri değiştirilemez.")
            % {"reason": reason, "code": r["indicator_code"]},
        )
        attempted = {f"{r['indicator_code']}.{f}": v for f, v in new.items() if v not in (None, "")}
        locked.append(LockedRow(error, unit_id, r["year"], r["quarter"], lock, attempted))
    return locked


def _code(obj: Any) -> str:
    return obj.code if obj is not None else ""


def administration_sheets(*, administration: Administration) -> dict[str, list[dict[str, Any]]]:
    """Return the administration's current data as the import workbook's sheets (a constant number of queries).

    Importing the result changes nothing: every column the importer writes is here, in the order that
    gives programmes, sub-programmes and goals the sequence numbers they have.
    """
    sheets: dict[str, list[dict[str, Any]]] = {
        "administration": [{"code": administration.code, "name": administration.name}]
    }
    units = list(Unit.objects.filter(administration=administration).select_related("parent").order_by("seq", "code"))
    sheets["units"] = [
        {"code": u.code, "name": u.name, "parent_code": _code(u.parent), "kind": u.kind, "seq": u.seq} for u in units
    ]
    # The importer keeps one strategic plan per workbook: the latest.
    plan = StrategicPlan.objects.filter(administration=administration).order_by("-start_year", "-pk").first()
    if plan is not None:
        sheets.update(_plan_sheets(plan=plan))
    sheets.update(_programme_sheets(administration=administration))
    sheets.update(_budget_sheets(administration=administration))
    sheets["printed"] = [
        {"year": p.year, "table": p.table, "row_key": p.row_key, "column": p.column, "value": p.value}
        for p in PrintedFigure.objects.filter(administration=administration).order_by("pk")
    ]
    return sheets


def _plan_sheets(*, plan: StrategicPlan) -> dict[str, list[dict[str, Any]]]:
    """Return the strategic plan's sheets: the plan, aims, targets and their years, SP indicators and their years."""
    sheets: dict[str, list[dict[str, Any]]] = {
        "plan": [{"code": plan.code, "name": plan.name, "start_year": plan.start_year, "end_year": plan.end_year}],
        "aims": [
            {"code": a.code, "title": a.title, "short_title": a.short_title}
            for a in Aim.objects.filter(plan=plan).order_by("pk")
        ],
    }
    targets = Target.objects.filter(aim__plan=plan).select_related("aim", "responsible_unit").order_by("pk")
    sheets["targets"] = [
        {
            "code": t.code,
            "aim_code": t.aim.code,
            "title": t.title,
            "long_title": t.long_title,
            "responsible_unit_code": t.responsible_unit.code,
        }
        for t in targets
    ]
    sheets["target_yearly"] = [
        {
            "target_code": ty.target.code,
            "year": ty.year,
            "deviation_reason": ty.deviation_reason,
            "measures": ty.measures,
        }
        for ty in TargetYear.objects.filter(target__aim__plan=plan).select_related("target").order_by("pk")
    ]
    sheets["sp_indicators"] = _sp_indicator_rows(plan=plan)
    sheets["sp_yearly"] = [
        {
            "indicator_code": y.indicator.code,
            "year": y.year,
            "target": y.target_value,
            "actual": y.actual_value,
            "relevance": y.relevance,
            "effectiveness": y.effectiveness,
            "efficiency": y.efficiency,
            "sustainability": y.sustainability,
        }
        for y in SPIndicatorYear.objects.filter(indicator__target__aim__plan=plan)
        .select_related("indicator")
        .order_by("pk")
    ]
    return sheets


def _sp_indicator_rows(*, plan: StrategicPlan) -> list[dict[str, Any]]:
    """Return the plan's SP indicators as rows of their sheet, each naming the PP indicator that feeds it."""
    links: dict[int, str] = {}
    for sp_id, code in (
        PPIndicator.objects.filter(sp_indicator__target__aim__plan=plan)
        .order_by("performance_program__year", "pk")
        .values_list("sp_indicator_id", "code")
    ):
        links[sp_id] = code  # the latest year's PP indicator names the link
    return [
        {
            "code": i.code,
            "target_code": i.target.code,
            "name": i.name,
            "unit": i.unit_of_measure,
            "data_source": i.data_source,
            "weight": i.weight,
            "baseline": i.baseline,
            "direction": i.direction,
            "cumulative": i.is_cumulative,
            "pp_indicator_code": links.get(i.pk, ""),
            "responsible_unit_code": i.responsible_unit.code,
        }
        for i in SPIndicator.objects.filter(target__aim__plan=plan)
        .select_related("target", "responsible_unit")
        .order_by("pk")
    ]


def _programme_sheets(*, administration: Administration) -> dict[str, list[dict[str, Any]]]:
    """Return every year's programme structure, activities, PP indicators and quarterly values as sheets."""
    # The importer numbers goals and activities in the order they first appear: keep that order.
    programme = "sub_program__program__performance_program"
    sheets: dict[str, list[dict[str, Any]]] = {
        "program_structure": [
            {
                "year": g.sub_program.program.performance_program.year,
                "program": g.sub_program.program.name,
                "sub_program": g.sub_program.name,
                "sub_program_goal": g.text,
                "aim_code": _code(g.aim),
            }
            for g in SubProgramGoal.objects.filter(**{f"{programme}__administration": administration})
            .select_related(programme, "aim")
            .order_by("seq", "pk")
        ],
        "activities": [
            {
                "year": a.sub_program.program.performance_program.year,
                "program": a.sub_program.program.name,
                "sub_program": a.sub_program.name,
                "activity": a.name,
            }
            for a in Activity.objects.filter(**{f"{programme}__administration": administration})
            .select_related(programme)
            .order_by("seq", "pk")
        ],
        "pp_indicators": _pp_indicator_rows(administration=administration),
    }
    sheets["quarterly_values"] = [
        {
            "indicator_code": q.indicator.code,
            "year": q.indicator.performance_program.year,
            "quarter": q.quarter,
            "value": q.value,
            "numerator": q.numerator,
            "denominator": q.denominator,
            "year_end_estimate": q.year_end_estimate,
            "narrative": q.narrative,
        }
        for q in QuarterlyValue.objects.filter(indicator__performance_program__administration=administration)
        .select_related("indicator__performance_program")
        .order_by("indicator__performance_program__year", "indicator__code", "quarter")
    ]
    return sheets


def _pp_indicator_rows(*, administration: Administration) -> list[dict[str, Any]]:
    """Return every year's PP indicators as rows of their sheet, in the programme's order."""
    indicators = (
        PPIndicator.objects.filter(performance_program__administration=administration)
        .select_related("performance_program", "sub_program__program", "goal__aim", "responsible_unit")
        .order_by("performance_program__year", "sub_program__program__seq", "sub_program__seq", "seq", "code")
    )
    return [
        {
            "code": i.code,
            "year": i.performance_program.year,
            "seq": i.seq,
            "program": i.sub_program.program.name,
            "sub_program": i.sub_program.name,
            "sub_program_goal": i.goal.text if i.goal else "",
            "aim_code": _code(i.goal.aim) if i.goal else "",
            "name": i.name,
            "unit": i.unit_of_measure,
            "data_source": i.data_source,
            "evidence_required": i.evidence_required,
            "direction": i.direction,
            "aggregation": i.aggregation,
            "allows_negative": i.allows_negative,
            "decimals": i.decimals,
            "prev_year": i.prev_year,
            "prev_value": i.prev_value,
            "target": i.target_value,
            "responsible_unit_code": i.responsible_unit.code,
        }
        for i in indicators
    ]


def _budget_sheets(*, administration: Administration) -> dict[str, list[dict[str, Any]]]:
    """Return the administration's budget lines as a sheet (the economic codes are national: no sheet)."""
    lines = list(
        BudgetLine.objects.filter(administration=administration)
        .select_related("economic_code", "activity__sub_program__program", "unit")
        .order_by("year", "pk")
    )

    def _money(value: Decimal | None) -> Decimal:
        return value if value is not None else Decimal(0)

    return {
        "budget_lines": [
            {
                "year": line.year,
                "econ_code": line.economic_code.code,
                "econ_name": line.economic_code.name,
                "program": line.activity.sub_program.program.name if line.activity else "",
                "sub_program": line.activity.sub_program.name if line.activity else "",
                "activity": line.activity.name if line.activity else "",
                "unit_code": _code(line.unit),
                "kbo": _money(line.initial_appropriation),
                "added": _money(line.additions),
                "deducted": _money(line.deductions),
                "spent": _money(line.spending),
            }
            for line in lines
        ],
    }
