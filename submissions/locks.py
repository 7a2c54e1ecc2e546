"""Every lock a quarter's write asks, in one module: the form, the workflow, the admin and the import.

A quarter is locked for everyone (admin and import included) while its form is submitted or
approved and when its year is closed; the unit's own form also by its window (opens when the quarter
ends, closes at the deadline or the administration's own deadline, reopened by an exception). The
rules are pure, in submissions/workflow.py (`lock_reason`, `WORKFLOW_LOCKS`, `quarter_window`); this
module reads what they need and refuses. The closed year itself is plans.locks's (the lowest layer
that knows a year, which plan maintenance and the budget ask directly); it is named here too so a
quarter's write needs one import.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit
from core.exceptions import ApplicationError
from indicators.models import QuarterlyValue
from plans import locks
from plans.locks import YearClosedError, closed_year_message, closed_years, year_refuse_if_closed
from plans.models import PerformanceProgram
from submissions.models import Submission
from submissions.selectors import form_status
from submissions.workflow import WORKFLOW_LOCKS, Action, LockReason

__all__ = [
    "REFUSAL_CHANNELS",
    "QuarterLockedError",
    "QuarterYearClosedError",
    "YearClosedError",
    "closed_year_message",
    "closed_years",
    "frozen_quarters",
    "quarter_refuse_if_locked",
    "quarter_write_refusal_record",
    "value_lock",
    "year_refuse_if_closed",
]


class QuarterLockedError(ApplicationError):
    """The quarter is locked; `extra["lock"]` is the LockReason. Nothing was saved."""


class QuarterYearClosedError(QuarterLockedError, locks.YearClosedError):
    """The quarter is locked because its year is closed (both errors' `extra`)."""


# The write paths a refusal names (defined once, with the closed-year lock).
REFUSAL_CHANNELS = locks.REFUSAL_CHANNELS


def quarter_refuse_if_locked(
    *,
    unit: Unit,
    year: int,
    quarter: int,
    today: date,
    submission: Submission | None = None,
    attempted: str | None = None,
) -> None:
    """Raise QuarterLockedError (QuarterYearClosedError for a closed year) if the unit may not change the quarter.

    `submission` is the quarter's form when the caller has just locked it (one query fewer);
    `attempted` names what was tried, for the closed year's history (the workflow's submit by default).
    """
    status = form_status(unit=unit, year=year, quarter=quarter, today=today, submission=submission)
    if status.lock == LockReason.YEAR_CLOSED:
        raise QuarterYearClosedError(
            locks.closed_year_message(year),
            extra={
                "lock": status.lock,
                "administration_id": unit.administration_id,
                "year": year,
                "attempted": {f"{unit.code} {year}/{quarter}": attempted or str(Action.SUBMIT.label)},
            },
        )
    if status.lock is not None:
        raise QuarterLockedError(
            _("Bu form kilitli: %(reason)s.") % {"reason": status.lock.label}, extra={"lock": status.lock}
        )


@transaction.atomic
def quarter_write_refusal_record(
    *, unit_id: int, year: int, quarter: int, actor: Any, channel: str, lock: str, attempted: dict[str, Any]
) -> None:
    """Record in the form's history that a write to a locked quarter was refused, and what it tried.

    Callers run this after the refused write rolled back, so the record outlives the refusal.
    """
    submission, _created = Submission.objects.get_or_create(unit_id=unit_id, year=year, quarter=quarter)
    locks.refusal_record(actor=actor, obj=submission, channel=channel, why=LockReason(lock).label, attempted=attempted)


def frozen_quarters(*, unit_ids, years) -> dict[tuple[int, int, int], LockReason]:
    """Return {(unit id, year, quarter): why} for the quarters nobody may change, admins included.

    A quarter is frozen while its form is submitted or approved, and every quarter of a closed year
    is (two queries).
    """
    frozen: dict[tuple[int, int, int], LockReason] = {}
    closed = PerformanceProgram.objects.filter(
        is_closed=True, year__in=years, administration__units__in=unit_ids
    ).values_list("administration__units", "year")
    for unit_id, year in closed:
        for quarter in (1, 2, 3, 4):
            frozen[(unit_id, year, quarter)] = LockReason.YEAR_CLOSED
    for unit_id, year, quarter, state in Submission.objects.filter(
        unit_id__in=unit_ids, year__in=years, state__in=list(WORKFLOW_LOCKS)
    ).values_list("unit_id", "year", "quarter", "state"):
        frozen.setdefault((unit_id, year, quarter), WORKFLOW_LOCKS[state])
    return frozen


def value_lock(value: QuarterlyValue) -> LockReason | None:
    """Return why nobody may change this quarter's figures (submitted, approved, closed year), or None."""
    indicator = value.indicator
    year = indicator.performance_program.year
    frozen = frozen_quarters(unit_ids=[indicator.responsible_unit_id], years=[year])
    return frozen.get((indicator.responsible_unit_id, year, value.quarter))
