"""The year rollover: next year's performance programme from this year's, previewed first, idempotent."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Administration
from core.audit import audit_record
from core.exceptions import ApplicationError
from indicators.models import PPIndicator
from indicators.recompute_requests import request_recompute
from plans import locks
from plans.calculations import pp_target_suggestion
from plans.models import (
    Activity,
    PerformanceProgram,
    Program,
    RetiredPPCode,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    SubProgramGoal,
)


@dataclass
class RolloverRow:
    """One PP indicator of this year and what the rollover does with it."""

    indicator: PPIndicator
    prev_value: Decimal | None  # this year's year-end value, next year's previous-period value
    suggestion: Decimal | None  # from the linked SP indicator's yearly target, for the directorate
    action: str  # "copy", "exists" or "retired"


@dataclass
class RolloverPreview:
    from_year: int
    to_year: int
    rows: list[RolloverRow] = field(default_factory=list)

    @property
    def to_copy(self) -> list[RolloverRow]:
        return [row for row in self.rows if row.action == "copy"]


def rollover_preview(*, administration: Administration, from_year: int) -> RolloverPreview:
    """Return what rolling the year's programme over to the next year would do, in a fixed number of queries."""
    to_year = from_year + 1
    indicators = list(
        PPIndicator.objects.filter(
            performance_program__administration=administration, performance_program__year=from_year
        )
        .select_related(
            "sub_program__program", "goal__aim", "responsible_unit", "sp_indicator__target__aim__plan", "result"
        )
        .order_by("sub_program__program__seq", "sub_program__seq", "seq", "code")
    )
    existing = set(
        PPIndicator.objects.filter(
            performance_program__administration=administration, performance_program__year=to_year
        ).values_list("code", flat=True)
    )
    retired = dict(RetiredPPCode.objects.filter(administration=administration).values_list("code", "from_year"))
    sp_ids = {i.sp_indicator_id for i in indicators if i.sp_indicator_id}
    b_values = {
        (row.indicator_id, row.year): row.target_value
        for row in SPIndicatorYear.objects.filter(indicator_id__in=sp_ids, year__in=[from_year, to_year])
    }
    preview = RolloverPreview(from_year=from_year, to_year=to_year)
    for indicator in indicators:
        if indicator.code in retired and retired[indicator.code] <= to_year:
            action = "retired"
        elif indicator.code in existing:
            action = "exists"
        else:
            action = "copy"
        result = getattr(indicator, "result", None) if _has_result(indicator) else None
        preview.rows.append(
            RolloverRow(
                indicator=indicator,
                prev_value=result.year_end_value if result is not None else None,
                suggestion=_suggestion(indicator, b_values, to_year),
                action=action,
            )
        )
    return preview


def _has_result(indicator: PPIndicator) -> bool:
    try:
        indicator.result  # noqa: B018 - the reverse one-to-one raises when missing
    except PPIndicator.result.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return False
    return True


def _suggestion(indicator: PPIndicator, b_values: dict[tuple[int, int], Decimal], year: int) -> Decimal | None:
    sp = indicator.sp_indicator
    if sp is None:
        return None
    plan = sp.target.aim.plan
    if not plan.start_year <= year <= plan.end_year:
        return None
    previous = sp.baseline if year == plan.start_year else b_values.get((sp.pk, year - 1))
    if sp.is_cumulative and previous is None:
        return None
    return pp_target_suggestion(
        cumulative=sp.is_cumulative,
        baseline=sp.baseline,
        previous_target=previous,
        year_target=b_values.get((sp.pk, year)),
    )


def suggestion_for(indicator: PPIndicator) -> Decimal | None:
    """Return the PP target the linked SP indicator's yearly targets suggest for the indicator's year."""
    if indicator.sp_indicator_id is None:
        return None
    year = indicator.performance_program.year
    b_values = {
        (row.indicator_id, row.year): row.target_value
        for row in SPIndicatorYear.objects.filter(indicator_id=indicator.sp_indicator_id, year__in=[year - 1, year])
    }
    return _suggestion(indicator, b_values, year)


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def programme_rollover(*, administration: Administration, from_year: int, actor: Any) -> RolloverPreview:
    """Create next year's programme from this year's: structure and indicators, nothing twice.

    Copied indicators get this year's year-end value as their previous-period value; their target
    stays 0 (not computable, listed on the consistency page) until the directorate sets it.
    """
    source = PerformanceProgram.objects.filter(administration=administration, year=from_year).first()
    if source is None:
        raise ApplicationError(_("%(year)s performans programı yok.") % {"year": from_year})
    to_year = from_year + 1
    plan = (
        StrategicPlan.objects.filter(administration=administration, start_year__lte=to_year, end_year__gte=to_year)
        .order_by("-start_year")
        .first()
    )
    target, created = PerformanceProgram.objects.select_for_update().get_or_create(
        administration=administration, year=to_year, defaults={"strategic_plan": plan}
    )
    locks.year_refuse_if_closed(administration_id=administration.pk, year=to_year, closed=target.is_closed)
    if created:
        audit_record(actor=actor, obj=target, action="rollover", changes={"year": [str(from_year), str(to_year)]})
    sub_programs = _copy_structure(source, target)
    preview = rollover_preview(administration=administration, from_year=from_year)
    new = [
        PPIndicator(
            performance_program=target,
            sub_program=sub_programs[row.indicator.sub_program_id][0],
            goal=sub_programs[row.indicator.sub_program_id][1].get(row.indicator.goal_id),
            code=row.indicator.code,
            seq=row.indicator.seq,
            name=row.indicator.name,
            unit_of_measure=row.indicator.unit_of_measure,
            data_source=row.indicator.data_source,
            evidence_required=row.indicator.evidence_required,
            direction=row.indicator.direction,
            aggregation=row.indicator.aggregation,
            allows_negative=row.indicator.allows_negative,
            decimals=row.indicator.decimals,
            prev_year=from_year,
            prev_value=row.prev_value,
            target_value=Decimal(0),
            responsible_unit=row.indicator.responsible_unit,
            sp_indicator=row.indicator.sp_indicator if _link_survives(row, plan) else None,
        )
        for row in preview.to_copy
    ]
    PPIndicator.objects.bulk_create(new)
    if new:
        request_recompute(administration_id=administration.pk, year=to_year)
        audit_record(
            actor=actor,
            obj=target,
            action="rollover",
            changes={"indicators": [None, ", ".join(i.code for i in new)]},
        )
    return preview


def _link_survives(row: RolloverRow, plan: StrategicPlan | None) -> bool:
    sp = row.indicator.sp_indicator
    return sp is not None and plan is not None and sp.target.aim.plan_id == plan.pk


def _copy_structure(
    source: PerformanceProgram, target: PerformanceProgram
) -> dict[int, tuple[SubProgram, dict[int | None, SubProgramGoal]]]:
    """Copy programmes, sub-programmes, goals and activities by name; map old sub-programme ids to new ones."""
    programs = {p.name: p for p in Program.objects.filter(performance_program=target)}
    sub_programs = {
        (s.program.name, s.name): s
        for s in SubProgram.objects.filter(program__performance_program=target).select_related("program")
    }
    goals = {
        (g.sub_program_id, g.text): g
        for g in SubProgramGoal.objects.filter(sub_program__program__performance_program=target)
    }
    activities = set(
        Activity.objects.filter(sub_program__program__performance_program=target).values_list("sub_program_id", "name")
    )
    mapping: dict[int, tuple[SubProgram, dict[int | None, SubProgramGoal]]] = {}
    for program in Program.objects.filter(performance_program=source).prefetch_related(
        "sub_programs__goals", "sub_programs__activities"
    ):
        new_program = programs.get(program.name) or Program.objects.create(
            performance_program=target, name=program.name, seq=program.seq
        )
        for sub in program.sub_programs.all():
            new_sub = sub_programs.get((program.name, sub.name)) or SubProgram.objects.create(
                program=new_program, name=sub.name, seq=sub.seq
            )
            goal_map: dict[int | None, SubProgramGoal] = {}
            for goal in sub.goals.all():
                new_goal = goals.get((new_sub.pk, goal.text)) or SubProgramGoal.objects.create(
                    sub_program=new_sub, text=goal.text, aim=goal.aim, seq=goal.seq
                )
                goal_map[goal.pk] = new_goal
            for activity in sub.activities.all():
                if (new_sub.pk, activity.name) not in activities:
                    Activity.objects.create(sub_program=new_sub, name=activity.name, seq=activity.seq)
            mapping[sub.pk] = (new_sub, goal_map)
    return mapping
