"""Writes of the strategic plan: plan, aims, targets, SP indicators, yearly targets and weights.

Every write runs in one transaction, checks the version the user loaded, is audited, and asks for
a recompute of the results it feeds once the transaction commits.
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
from indicators.models import QuarterlyValue
from indicators.recompute_requests import request_recompute
from plans import locks
from plans.calculations import code_nested, weight_sum, weights_complete
from plans.choices import Direction, RevisedField
from plans.models import Aim, SPIndicator, SPIndicatorYear, StrategicPlan, Target
from plans.services.common import RevisionTarget, apply_changes, check_version, full_clean_or_error, version_token

# The fields of an SP indicator, and of its yearly row, whose change once it has values needs a
# reason and keeps a revision.
SP_REVISED = (RevisedField.WEIGHT, RevisedField.BASELINE, RevisedField.DIRECTION)
SP_YEARLY_REVISED = (RevisedField.TARGET_VALUE,)


def sp_indicators_with_values(ids: Iterable[int]) -> set[int]:
    """Return which of the SP indicators (ids, or a query of ids) have an entered actual or a linked PP
    indicator with quarterly values, in two queries."""
    entered = set(
        SPIndicatorYear.objects.filter(indicator_id__in=ids, actual_value__isnull=False).values_list(
            "indicator_id", flat=True
        )
    )
    linked = set(
        QuarterlyValue.objects.filter(indicator__sp_indicator_id__in=ids).values_list(
            "indicator__sp_indicator_id", flat=True
        )
    )
    return entered | linked


def sp_indicator_has_values(indicator: SPIndicator) -> bool:
    """Return whether an SP indicator has an entered actual or a linked PP indicator with quarterly values."""
    return indicator.pk is not None and indicator.pk in sp_indicators_with_values([indicator.pk])


def _administration_id(indicator: SPIndicator) -> int:
    return indicator.target.aim.plan.administration_id


def _same_administration(unit: Unit, administration_id: int) -> None:
    if unit.administration_id != administration_id:
        raise ApplicationError(_("Sorumlu birim bu idareye ait değil."))


def _nested(child: str, parent: str) -> None:
    if not code_nested(child, parent):
        raise ApplicationError(
            _("“%(child)s” kodu üst kaydın kodunu (“%(parent)s”) sürdürmeli, örneğin %(example)s.")
            % {"child": child, "parent": parent, "example": f"{parent.rstrip('.')}.1"}
        )


@transaction.atomic
def strategic_plan_save(
    *,
    administration: Administration,
    plan: StrategicPlan | None,
    code: str,
    name: str,
    start_year: int,
    end_year: int,
    actor: Any,
    token: str | None = None,
) -> StrategicPlan:
    """Create or change a strategic plan's code, name and period."""
    if plan is None:
        plan = StrategicPlan(administration=administration)
    else:
        plan = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, token)
    if end_year < start_year:
        raise ApplicationError(_("Bitiş yılı başlangıç yılından önce olamaz."))
    apply_changes(
        obj=plan, values={"code": code, "name": name, "start_year": start_year, "end_year": end_year}, actor=actor
    )
    request_recompute(administration_id=administration.pk, year=None)
    return plan


@transaction.atomic
def aim_save(
    *,
    plan: StrategicPlan,
    aim: Aim | None,
    code: str,
    title: str,
    short_title: str,
    actor: Any,
    token: str | None = None,
) -> Aim:
    """Create or change an aim of a strategic plan."""
    if aim is None:
        aim = Aim(plan=plan)
    else:
        aim = Aim.objects.select_for_update().get(pk=aim.pk)
        check_version(aim, token)
    apply_changes(obj=aim, values={"code": code, "title": title, "short_title": short_title}, actor=actor)
    return aim


@transaction.atomic
def target_save(
    *,
    aim: Aim,
    target: Target | None,
    code: str,
    title: str,
    long_title: str,
    responsible_unit: Unit | None,
    actor: Any,
    token: str | None = None,
) -> Target:
    """Create or change a target with its responsible unit (required)."""
    if responsible_unit is None:
        raise ApplicationError(_("Hedefin sorumlu birimini seçin."))
    _same_administration(responsible_unit, aim.plan.administration_id)
    _nested(code, aim.code)
    if target is None:
        target = Target(aim=aim)
    else:
        target = Target.objects.select_for_update().get(pk=target.pk)
        check_version(target, token)
    apply_changes(
        obj=target,
        values={"code": code, "title": title, "long_title": long_title, "responsible_unit": responsible_unit},
        actor=actor,
    )
    return target


@dataclass(frozen=True)
class SPIndicatorInput:
    """The attributes of an SP indicator a form edits (the weight has its own screen)."""

    code: str
    name: str
    unit_of_measure: str
    baseline: Decimal
    direction: str
    is_cumulative: bool
    responsible_unit: Unit | None
    # B for every plan year; every year must have one.
    yearly_targets: dict[int, Decimal | None]
    data_source: str = ""


@transaction.atomic
def sp_indicator_save(
    *,
    target: Target,
    indicator: SPIndicator | None,
    data: SPIndicatorInput,
    actor: Any,
    reason: str = "",
    token: str | None = None,
) -> SPIndicator:
    """Create or change an SP indicator and its yearly targets.

    A new indicator starts with weight 0 (the target's weights are set together on their screen).
    Once it has values, changing its baseline, direction or a yearly target needs a reason and
    keeps a versioned revision.
    """
    plan = target.aim.plan
    if data.responsible_unit is None:
        raise ApplicationError(_("Göstergenin sorumlu birimini seçin."))
    _same_administration(data.responsible_unit, plan.administration_id)
    _nested(data.code, target.code)
    missing = [year for year in range(plan.start_year, plan.end_year + 1) if data.yearly_targets.get(year) is None]
    if missing:
        raise ApplicationError(
            _("Her plan yılı için hedeflenen değer girin; eksik yıllar: %(years)s.")
            % {"years": ", ".join(str(year) for year in missing)}
        )
    if data.direction not in Direction.values:
        raise ApplicationError(_("Geçersiz yön."))
    is_new = indicator is None
    if indicator is None:
        indicator = SPIndicator(target=target, weight=Decimal(0))
    else:
        indicator = SPIndicator.objects.select_for_update().select_related("target__aim__plan").get(pk=indicator.pk)
        check_version(indicator, token)
    has_values = sp_indicator_has_values(indicator)
    revision = RevisionTarget(indicator=indicator, administration_id=plan.administration_id, code=data.code, year=None)
    apply_changes(
        obj=indicator,
        values={
            "code": data.code,
            "name": data.name,
            "unit_of_measure": data.unit_of_measure,
            "baseline": data.baseline,
            "direction": data.direction,
            "is_cumulative": data.is_cumulative,
            "responsible_unit": data.responsible_unit,
            "data_source": data.data_source,
        },
        actor=actor,
        reason=reason,
        revised_fields=SP_REVISED,
        has_values=has_values,
        revision=revision,
    )
    if is_new:
        revision.indicator = indicator
    existing = {row.year: row for row in SPIndicatorYear.objects.select_for_update().filter(indicator=indicator)}
    for year, value in sorted(data.yearly_targets.items()):
        row = existing.get(year) or SPIndicatorYear(indicator=indicator, year=year)
        apply_changes(
            obj=row,
            values={"target_value": value},
            actor=actor,
            reason=reason,
            revised_fields=SP_YEARLY_REVISED,
            has_values=has_values,
            revision=RevisionTarget(
                indicator=indicator, administration_id=plan.administration_id, code=indicator.code, year=year
            ),
        )
    request_recompute(administration_id=plan.administration_id, year=None)
    return indicator


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def sp_target_value_save(
    *, indicator: SPIndicator, year: int, value: Decimal, actor: Any, reason: str = "", token: str | None = None
) -> SPIndicatorYear:
    """Change one year's target B of an SP indicator (a reason once the indicator has values)."""
    plan = indicator.target.aim.plan
    if not plan.start_year <= year <= plan.end_year:
        raise ApplicationError(_("%(year)s planın dönemi dışında.") % {"year": year})
    locks.year_refuse_if_closed(
        administration_id=plan.administration_id, year=year, attempted={f"{indicator.code}.target_value": value}
    )
    row = SPIndicatorYear.objects.select_for_update().filter(indicator=indicator, year=year).first()
    if row is not None:
        check_version(row, token)
    else:
        row = SPIndicatorYear(indicator=indicator, year=year)
    apply_changes(
        obj=row,
        values={"target_value": value},
        actor=actor,
        reason=reason,
        revised_fields=SP_YEARLY_REVISED,
        has_values=sp_indicator_has_values(indicator),
        revision=RevisionTarget(
            indicator=indicator, administration_id=plan.administration_id, code=indicator.code, year=year
        ),
    )
    request_recompute(administration_id=plan.administration_id, year=year)
    return row


def active_indicators(target: Target, *, year: int | None = None) -> list[SPIndicator]:
    """Return the target's indicators that still count (not retired, or retired after `year`)."""
    return [
        i
        for i in target.indicators.all()
        if i.retired_from_year is None or (year is not None and year < i.retired_from_year)
    ]


@transaction.atomic
def target_weights_save(
    *, target: Target, weights: dict[int, Decimal], tokens: dict[int, str], actor: Any, reason: str = ""
) -> list[SPIndicator]:
    """Save a target's weights together; they must sum to exactly 100.

    `weights` and `tokens` are keyed by indicator id and cover every indicator still counting.
    """
    indicators = {
        i.pk: i
        for i in SPIndicator.objects.select_for_update()
        .filter(target=target, retired_from_year__isnull=True)
        .order_by("code")
    }
    if set(weights) != set(indicators):
        raise ApplicationError(_("Hedefin göstergeleri değişti; sayfayı yenileyip tekrar deneyin."))
    for pk, indicator in indicators.items():
        check_version(indicator, tokens.get(pk, ""))
    if any(w < 0 or w > 100 for w in weights.values()):
        raise ApplicationError(_("Her ağırlık 0 ile 100 arasında olmalı."))
    if not weights_complete(weights.values()):
        raise ApplicationError(
            _("Ağırlıkların toplamı 100 olmalı; şu an %(sum)s.") % {"sum": weight_sum(weights.values())}
        )
    administration_id = target.aim.plan.administration_id
    with_values = sp_indicators_with_values(list(indicators))
    changed = [pk for pk, i in indicators.items() if i.weight != weights[pk]]
    if not reason.strip() and any(pk in with_values for pk in changed):
        raise ApplicationError(_("Değerleri girilmiş göstergelerin ağırlığını değiştirmek için gerekçe yazın."))
    for pk in changed:
        indicator = indicators[pk]
        apply_changes(
            obj=indicator,
            values={"weight": weights[pk]},
            actor=actor,
            reason=reason,
            revised_fields=(RevisedField.WEIGHT,),
            has_values=pk in with_values,
            revision=RevisionTarget(
                indicator=indicator, administration_id=administration_id, code=indicator.code, year=None
            ),
        )
    if changed:
        request_recompute(administration_id=administration_id, year=None)
    return list(indicators.values())


@transaction.atomic
def sp_indicator_delete(*, indicator: SPIndicator, actor: Any) -> None:
    """Delete an SP indicator without values; one with values can only be retired from a year on."""
    indicator = SPIndicator.objects.select_for_update().select_related("target__aim__plan").get(pk=indicator.pk)
    if sp_indicator_has_values(indicator):
        raise ApplicationError(
            _("Değerleri girilmiş bir gösterge silinemez; bunun yerine bir yıldan itibaren kullanımdan kaldırın.")
        )
    administration_id = _administration_id(indicator)
    audit_record(actor=actor, obj=indicator, action="delete", changes={"code": [indicator.code, None]})
    indicator.delete()
    request_recompute(administration_id=administration_id, year=None)


@transaction.atomic
def sp_indicator_retire(*, indicator: SPIndicator, from_year: int, reason: str, actor: Any) -> SPIndicator:
    """Stop counting an SP indicator from a year on (its weight no longer enters the target)."""
    indicator = SPIndicator.objects.select_for_update().select_related("target__aim__plan").get(pk=indicator.pk)
    plan = indicator.target.aim.plan
    if not reason.strip():
        raise ApplicationError(_("Kullanımdan kaldırmak için gerekçe yazın."))
    if not plan.start_year <= from_year <= plan.end_year:
        raise ApplicationError(_("%(year)s planın dönemi dışında.") % {"year": from_year})
    apply_changes(obj=indicator, values={"retired_from_year": from_year}, actor=actor, reason=reason)
    request_recompute(administration_id=plan.administration_id, year=None)
    return indicator


__all__ = ["full_clean_or_error", "version_token"]
