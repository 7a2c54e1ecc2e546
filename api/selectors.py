"""Reads behind the JSON API, scoped to what the user may see on the pages (accounts.permissions)."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.selectors import administration_for_user, visible_units
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from plans.models import SPIndicatorResult, TargetResult


def api_pp_indicators(*, user: User) -> QuerySet[PPIndicator]:
    """Return the PP indicators of the units the user sees (unit users: their own unit's only)."""
    administration = administration_for_user(user=user)
    if administration is None:
        return PPIndicator.objects.none()
    units = visible_units(user=user).filter(administration=administration)
    return (
        PPIndicator.objects.filter(performance_program__administration=administration, responsible_unit__in=units)
        .select_related(
            "performance_program", "sub_program__program", "goal", "responsible_unit", "sp_indicator", "result"
        )
        .order_by("-performance_program__year", "sub_program__program__seq", "sub_program__seq", "seq", "code")
    )


def api_quarterly_values(*, user: User) -> QuerySet[QuarterlyValue]:
    """Return the quarterly values of the indicators the user sees."""
    return (
        QuarterlyValue.objects.filter(indicator__in=api_pp_indicators(user=user).values("pk"))
        .select_related("indicator__performance_program")
        .order_by("-indicator__performance_program__year", "indicator__code", "quarter")
    )


def api_pp_results(*, user: User) -> QuerySet[PPIndicatorResult]:
    """Return the engine's stored results of the indicators the user sees."""
    return (
        PPIndicatorResult.objects.filter(indicator__in=api_pp_indicators(user=user).values("pk"))
        .select_related("indicator__performance_program")
        .order_by("-indicator__performance_program__year", "indicator__code")
    )


def api_sp_results(*, user: User) -> QuerySet[SPIndicatorResult]:
    """Return the strategic plan's indicator results: the plan is published to everyone of the administration."""
    administration = administration_for_user(user=user)
    if administration is None:
        return SPIndicatorResult.objects.none()
    return (
        SPIndicatorResult.objects.filter(indicator__target__aim__plan__administration=administration)
        .select_related("indicator__target")
        .order_by("-year", "indicator__code")
    )


def api_target_results(*, user: User) -> QuerySet[TargetResult]:
    """Return the strategic plan's target performances (published like the plan)."""
    administration = administration_for_user(user=user)
    if administration is None:
        return TargetResult.objects.none()
    return (
        TargetResult.objects.filter(target__aim__plan__administration=administration)
        .select_related("target__aim")
        .order_by("-year", "target__code")
    )
