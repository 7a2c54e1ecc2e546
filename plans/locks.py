"""The closed-year lock: once `close_year` froze a year, nothing of that year changes by any path.

Every service that writes a year's data (Form-3, reopening, the workflow, the admin, imports, plan
maintenance, the budget) calls `year_refuse_if_closed` — the one place this rule lives. The refusal
is recorded in the year's history (outside the refused write's transaction) by
`records_closed_year_refusal`, which decorates those services.
"""

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import transaction
from django.db.models import Exists
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.exceptions import ApplicationError
from plans.models import PerformanceProgram

# The write paths a refusal names, so the history says where the attempt came from.
REFUSAL_CHANNELS = {
    "form": gettext_lazy("Form-3"),
    "admin": gettext_lazy("Yönetim paneli"),
    "import": gettext_lazy("İçe aktarma"),
    "api": gettext_lazy("API"),
    "workflow": gettext_lazy("Onay akışı"),
    "plan": gettext_lazy("Plan bakımı"),
    "budget": gettext_lazy("Bütçe"),
}

YEAR_CLOSED_LABEL = gettext_lazy("Yıl kapatıldı")


class YearClosedError(ApplicationError):
    """The year is closed; `extra` holds administration_id and year. Nothing was written."""


def closed_year_message(year: int) -> str:
    """The one message a write into a closed year gets, on every path."""
    return _(
        "%(year)s yılı kapatıldı (yıl sonu kapanışı, Form-4 donduruldu): bu yılın hiçbir verisi değiştirilemez. "
        "Yılı yalnızca sistem yöneticisi gerekçe yazarak yeniden açabilir: "
        'manage.py close_year --year %(year)s --reopen --reason "…"'
    ) % {"year": year}


def closed_years(*, administration_id: int, years) -> set[int]:
    """Return which of the years are closed for the administration (one query)."""
    return set(
        PerformanceProgram.objects.filter(
            administration_id=administration_id, year__in=list(years), is_closed=True
        ).values_list("year", flat=True)
    )


def year_closed_exists(*, administration: Any, year: int) -> Exists:
    """Return an expression that is true when the administration's year is closed (for one query that reads more)."""
    return Exists(PerformanceProgram.objects.filter(administration_id=administration, year=year, is_closed=True))


def year_is_closed(*, administration_id: int, year: int) -> bool:
    return bool(closed_years(administration_id=administration_id, years=[year]))


def year_refuse_if_closed(
    *, administration_id: int, year: int, attempted: dict[str, Any] | None = None, closed: bool | None = None
) -> None:
    """Raise YearClosedError when the administration's year is closed (`closed` when already known)."""
    if closed is None:
        closed = year_is_closed(administration_id=administration_id, year=year)
    if closed:
        raise YearClosedError(
            closed_year_message(year),
            extra={"administration_id": administration_id, "year": year, "attempted": dict(attempted or {})},
        )


@transaction.atomic
def closed_year_refusal_record(
    *, administration_id: int, year: int, actor: Any, channel: str, attempted: dict[str, Any]
) -> None:
    """Record in the year's history that a write into the closed year was refused, and what it tried."""
    programme = PerformanceProgram.objects.filter(administration_id=administration_id, year=year).first()
    if programme is None:  # pragma: no cover - a closed year always has its programme
        return
    refusal_record(actor=actor, obj=programme, channel=channel, why=YEAR_CLOSED_LABEL, attempted=attempted)


def refusal_record(*, actor: Any, obj: Any, channel: str, why: Any, attempted: dict[str, Any]) -> None:
    """Record on `obj`'s history that a write by `channel` was refused, why, and what it tried (each lock's one way)."""
    audit_record(
        actor=actor,
        obj=obj,
        action="refused",
        changes={name: [None, None if value is None else str(value)] for name, value in attempted.items()},
        reason=f"{REFUSAL_CHANNELS[channel]}: {why}",
    )


P = ParamSpec("P")
R = TypeVar("R")


def records_closed_year_refusal(channel: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a write service: a YearClosedError it raises is recorded (after its rollback), then re-raised.

    The actor is the service's `actor` keyword argument.
    """

    def decorate(service: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(service)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return service(*args, **kwargs)
            except YearClosedError as exc:
                if not exc.extra.get("recorded"):
                    closed_year_refusal_record(
                        administration_id=exc.extra["administration_id"],
                        year=exc.extra["year"],
                        actor=kwargs.get("actor"),
                        channel=channel,
                        attempted=exc.extra.get("attempted") or {},
                    )
                    exc.extra["recorded"] = True
                raise

        return wrapper

    return decorate
