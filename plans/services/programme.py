"""Writes of the performance programme: programmes, sub-programmes, goals, activities, PP indicators.

PP indicators are stored by the indicators app; their maintenance is part of the plan's, so these
services (like the admin) reach into it. Every write is version-checked, audited and recomputed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Administration, Unit
from core.audit import audit_record
from core.exceptions import ApplicationError
from indicators.models import PPIndicator, QuarterlyValue
from indicators.recompute_requests import request_recompute
from plans import locks
from plans.calculations import units_compatible
from plans.choices import AggregationMethod, Direction, RevisedField
from plans.models import (
    Activity,
    Aim,
    PerformanceProgram,
    Program,
    RetiredPPCode,
    SPIndicator,
    StrategicPlan,
    SubProgram,
    SubProgramGoal,
)
from plans.services.common import RevisionTarget, apply_changes, check_version

# The fields of a PP indicator whose change, once it has values, needs a reason and keeps a revision.
PP_REVISED = (RevisedField.TARGET_VALUE, RevisedField.DIRECTION, RevisedField.AGGREGATION)


def pp_indicators_with_values(ids: Iterable[int]) -> set[int]:
    """Return which of the PP indicators (ids, or a query of ids) have a quarter entered, in one query."""
    return set(QuarterlyValue.objects.filter(indicator_id__in=ids).values_list("indicator_id", flat=True).distinct())


def pp_indicator_has_values(indicator: PPIndicator) -> bool:
    """Return whether any quarter of the indicator was entered."""
    return indicator.pk is not None and indicator.pk in pp_indicators_with_values([indicator.pk])


@transaction.atomic
def performance_program_create(
    *, administration: Administration, year: int, strategic_plan: StrategicPlan | None, actor: Any
) -> PerformanceProgram:
    """Create an empty performance programme for a year."""
    if PerformanceProgram.objects.filter(administration=administration, year=year).exists():
        raise ApplicationError(_("%(year)s performans programı zaten var.") % {"year": year})
    programme = PerformanceProgram(administration=administration, year=year, strategic_plan=strategic_plan)
    apply_changes(obj=programme, values={"year": year}, actor=actor)
    return programme


def _refuse_closed(programme: PerformanceProgram) -> None:
    locks.year_refuse_if_closed(administration_id=programme.administration_id, year=programme.year)


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def program_save(
    *,
    programme: PerformanceProgram,
    program: Program | None,
    name: str,
    seq: int,
    actor: Any,
    token: str | None = None,
) -> Program:
    """Create or rename a programme of the year."""
    _refuse_closed(programme)
    if program is None:
        program = Program(performance_program=programme)
    else:
        program = Program.objects.select_for_update().get(pk=program.pk)
        check_version(program, token)
    apply_changes(obj=program, values={"name": name, "seq": seq}, actor=actor)
    return program


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def sub_program_save(
    *, program: Program, sub_program: SubProgram | None, name: str, seq: int, actor: Any, token: str | None = None
) -> SubProgram:
    """Create or rename a sub-programme."""
    _refuse_closed(program.performance_program)
    if sub_program is None:
        sub_program = SubProgram(program=program)
    else:
        sub_program = SubProgram.objects.select_for_update().get(pk=sub_program.pk)
        check_version(sub_program, token)
    apply_changes(obj=sub_program, values={"name": name, "seq": seq}, actor=actor)
    return sub_program


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def goal_save(
    *,
    sub_program: SubProgram,
    goal: SubProgramGoal | None,
    text: str,
    aim: Aim | None,
    seq: int,
    actor: Any,
    token: str | None = None,
) -> SubProgramGoal:
    """Create or change a sub-programme's goal and the strategic aim it relates to."""
    programme = sub_program.program.performance_program
    _refuse_closed(programme)
    if aim is not None and aim.plan.administration_id != programme.administration_id:
        raise ApplicationError(_("Seçilen amaç bu idarenin planına ait değil."))
    if goal is None:
        goal = SubProgramGoal(sub_program=sub_program)
    else:
        goal = SubProgramGoal.objects.select_for_update().get(pk=goal.pk)
        check_version(goal, token)
    apply_changes(obj=goal, values={"text": text, "aim": aim, "seq": seq}, actor=actor)
    return goal


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def activity_save(
    *, sub_program: SubProgram, activity: Activity | None, name: str, seq: int, actor: Any, token: str | None = None
) -> Activity:
    """Create or rename an activity of a sub-programme."""
    _refuse_closed(sub_program.program.performance_program)
    if activity is None:
        activity = Activity(sub_program=sub_program)
    else:
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        check_version(activity, token)
    apply_changes(obj=activity, values={"name": name, "seq": seq}, actor=actor)
    return activity


@dataclass(frozen=True)
class PPIndicatorInput:
    """Every attribute of a PP indicator (domain.md §1) that the directorate maintains."""

    code: str
    seq: int
    name: str
    unit_of_measure: str
    direction: str
    aggregation: str
    allows_negative: bool
    prev_year: int | None
    prev_value: Decimal | None
    target_value: Decimal
    responsible_unit: Unit | None
    goal: SubProgramGoal | None
    sp_indicator: SPIndicator | None
    data_source: str = ""
    evidence_required: bool = False
    decimals: int = 0  # how many decimals its values are typed and shown with


def _check_link(data: PPIndicatorInput, programme: PerformanceProgram) -> None:
    sp = data.sp_indicator
    if sp is None:
        return
    plan = sp.target.aim.plan
    if plan.administration_id != programme.administration_id or not plan.start_year <= programme.year <= plan.end_year:
        raise ApplicationError(_("Bağlanan SP göstergesi bu yılı kapsayan plana ait değil."))
    if units_compatible(sp.unit_of_measure, data.unit_of_measure) is False:
        raise ApplicationError(
            _("Ölçü birimleri uyumsuz: SP göstergesi “%(sp)s”, PP göstergesi “%(pp)s”.")
            % {"sp": sp.unit_of_measure, "pp": data.unit_of_measure}
        )


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def pp_indicator_save(
    *,
    sub_program: SubProgram,
    indicator: PPIndicator | None,
    data: PPIndicatorInput,
    actor: Any,
    reason: str = "",
    token: str | None = None,
) -> PPIndicator:
    """Create or change a PP indicator.

    Once it has quarterly values, changing its target, direction or aggregation method needs a
    reason and keeps a versioned revision; without a reason the aggregation method stays locked.
    """
    programme = sub_program.program.performance_program
    _refuse_closed(programme)
    if data.responsible_unit is None:
        raise ApplicationError(_("Göstergenin sorumlu birimini seçin."))
    if data.responsible_unit.administration_id != programme.administration_id:
        raise ApplicationError(_("Sorumlu birim bu idareye ait değil."))
    if data.goal is not None and data.goal.sub_program_id != sub_program.pk:
        raise ApplicationError(_("Seçilen alt program hedefi bu alt programa ait değil."))
    if data.direction not in Direction.values or data.aggregation not in AggregationMethod.values:
        raise ApplicationError(_("Geçersiz yön ya da hesaplama yöntemi."))
    _check_link(data, programme)
    if indicator is None:
        indicator = PPIndicator(performance_program=programme)
    else:
        indicator = PPIndicator.objects.select_for_update().get(pk=indicator.pk)
        check_version(indicator, token)
    apply_changes(
        obj=indicator,
        values={
            "sub_program": sub_program,
            "code": data.code,
            "seq": data.seq,
            "name": data.name,
            "unit_of_measure": data.unit_of_measure,
            "direction": data.direction,
            "aggregation": data.aggregation,
            "allows_negative": data.allows_negative,
            "decimals": data.decimals,
            "prev_year": data.prev_year,
            "prev_value": data.prev_value,
            "target_value": data.target_value,
            "responsible_unit": data.responsible_unit,
            "goal": data.goal,
            "sp_indicator": data.sp_indicator,
            "data_source": data.data_source,
            "evidence_required": data.evidence_required,
        },
        actor=actor,
        reason=reason,
        revised_fields=PP_REVISED,
        has_values=pp_indicator_has_values(indicator),
        revision=RevisionTarget(
            indicator=indicator, administration_id=programme.administration_id, code=data.code, year=programme.year
        ),
    )
    request_recompute(administration_id=programme.administration_id, year=programme.year)
    return indicator


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def pp_indicator_delete(*, indicator: PPIndicator, actor: Any) -> None:
    """Delete a PP indicator without values; one with values can only be retired from a year on."""
    indicator = PPIndicator.objects.select_for_update().select_related("performance_program").get(pk=indicator.pk)
    if pp_indicator_has_values(indicator):
        raise ApplicationError(
            _("Değerleri girilmiş bir gösterge silinemez; bunun yerine bir yıldan itibaren kullanımdan kaldırın.")
        )
    programme = indicator.performance_program
    _refuse_closed(programme)
    audit_record(actor=actor, obj=indicator, action="delete", changes={"code": [indicator.code, None]})
    indicator.delete()
    request_recompute(administration_id=programme.administration_id, year=programme.year)


@transaction.atomic
def pp_indicator_retire(*, indicator: PPIndicator, from_year: int, reason: str, actor: Any) -> RetiredPPCode:
    """Retire a PP indicator's code from a year on: later programmes no longer carry it.

    The indicator's rows in that year and after are deleted when they have no values; a row with
    values there refuses the retirement (retire from the following year instead).
    """
    if not reason.strip():
        raise ApplicationError(_("Kullanımdan kaldırmak için gerekçe yazın."))
    administration_id = indicator.performance_program.administration_id
    if from_year <= indicator.performance_program.year:
        raise ApplicationError(
            _("Gösterge en erken %(year)s yılından itibaren kaldırılabilir.")
            % {"year": indicator.performance_program.year + 1}
        )
    later = list(
        PPIndicator.objects.select_for_update().filter(
            performance_program__administration_id=administration_id,
            performance_program__year__gte=from_year,
            code=indicator.code,
        )
    )
    if any(pp_indicator_has_values(row) for row in later):
        raise ApplicationError(
            _("%(code)s göstergesinin %(year)s ve sonrasında değerleri var; daha sonraki bir yıldan kaldırın.")
            % {"code": indicator.code, "year": from_year}
        )
    for row in later:
        audit_record(actor=actor, obj=row, action="delete", changes={"code": [row.code, None]}, reason=reason)
        row.delete()
    retired, _created = RetiredPPCode.objects.update_or_create(
        administration_id=administration_id,
        code=indicator.code,
        defaults={"from_year": from_year, "reason": reason, "retired_by": actor},
    )
    audit_record(
        actor=actor, obj=retired, action="retire", changes={"from_year": [None, str(from_year)]}, reason=reason
    )
    return retired
