"""The quarterly submission's workflow and quarter windows, pure: no ORM, no clock.

States and transitions are defined here once; services apply them. Dates come in as arguments.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from submissions.choices import SubmissionState as S


class Action(models.TextChoices):
    SUBMIT = "submit", _("Gönder")
    APPROVE = "approve", _("Onayla")
    RETURN = "return", _("İade et")
    REOPEN = "reopen", _("Yeniden aç")


# From a state, which action leads where. RETURNED behaves like DRAFT for the unit.
ALLOWED_TRANSITIONS: dict[str, dict[str, str]] = {
    S.DRAFT: {Action.SUBMIT: S.SUBMITTED},
    S.RETURNED: {Action.SUBMIT: S.SUBMITTED},
    S.SUBMITTED: {Action.APPROVE: S.APPROVED, Action.RETURN: S.RETURNED},
    S.APPROVED: {Action.REOPEN: S.DRAFT},
}

EDITABLE_STATES = (S.DRAFT, S.RETURNED)


class WorkflowError(ValueError):
    """The action is not allowed from the current state; the message says why, in Turkish."""


def next_state(current: str, action: str) -> str:
    """Return the state an action leads to, or raise WorkflowError."""
    try:
        return ALLOWED_TRANSITIONS[current][action]
    except KeyError:
        raise WorkflowError(
            _("“%(state)s” durumundaki bir form için “%(action)s” yapılamaz.")
            % {"state": S(current).label, "action": Action(action).label}
        ) from None


@dataclass(frozen=True)
class QuarterWindow:
    opens: date  # the day after the quarter ends
    deadline: date  # the last day of the following month, inclusive


def quarter_window(year: int, quarter: int, deadline: date | None = None) -> QuarterWindow:
    """Return when a quarter's form opens and its deadline: `deadline` if the administration set
    one, else the default, the last day of the following month."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    end_month = quarter * 3
    opens = date(year + 1, 1, 1) if end_month == 12 else date(year, end_month + 1, 1)
    if deadline is not None:
        return QuarterWindow(opens=opens, deadline=deadline)
    last_day = calendar.monthrange(opens.year, opens.month)[1]
    return QuarterWindow(opens=opens, deadline=date(opens.year, opens.month, last_day))


class LockReason(models.TextChoices):
    """Why a unit cannot change a quarter's form: always said exactly, never a bare "locked"."""

    NOT_YET_OPEN = "not_yet_open", _("Henüz açılmadı")
    DEADLINE_PASSED = "deadline_passed", _("Süre doldu")
    EXCEPTION_EXPIRED = "exception_expired", _("İstisna süresi doldu")
    SUBMITTED = "submitted", _("Gönderildi, inceleniyor")
    APPROVED = "approved", _("Onaylandı")
    YEAR_CLOSED = "year_closed", _("Yıl kapatıldı")


# The states that freeze a quarter's figures for everyone, the admin and imports included: the
# directorate reviews or has accepted them. (The deadline binds the unit's own form only; the
# directorate reopens a late quarter with an exception.)
WORKFLOW_LOCKS: dict[str, LockReason] = {S.SUBMITTED: LockReason.SUBMITTED, S.APPROVED: LockReason.APPROVED}


def lock_reason(
    *,
    today: date,
    window: QuarterWindow,
    state: str,
    exception_until: date | None,
    had_exception: bool,
    year_closed: bool = False,
) -> LockReason | None:
    """Return why the unit may not edit the form today, or None when it may.

    An exception granted by the strategy directorate (valid through `exception_until`) reopens a
    quarter after its deadline; `had_exception` tells an expired exception from a plain deadline.
    A closed year locks every quarter, whatever its state or exception.
    """
    if year_closed:
        return LockReason.YEAR_CLOSED
    if state in WORKFLOW_LOCKS:
        return WORKFLOW_LOCKS[state]
    if today < window.opens:
        return LockReason.NOT_YET_OPEN
    if today <= window.deadline:
        return None
    if exception_until is not None and today <= exception_until:
        return None
    return LockReason.EXCEPTION_EXPIRED if had_exception else LockReason.DEADLINE_PASSED
