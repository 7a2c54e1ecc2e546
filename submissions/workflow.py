"""The quarterly submission's quarter windows and locks, pure: no ORM, no clock.

The states and transitions are the review workflow's (core/workflow.py). Dates come in as arguments.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from core.workflow import ALLOWED_TRANSITIONS, EDITABLE_STATES, Action, LockReason, WorkflowError, next_state
from submissions.choices import SubmissionState as S

# The review workflow's states and transitions (core.workflow) are the quarterly form's; named here
# too so the submissions app reads them from one module.
__all__ = [
    "ALLOWED_TRANSITIONS",
    "EDITABLE_STATES",
    "WORKFLOW_LOCKS",
    "Action",
    "LockReason",
    "QuarterWindow",
    "WorkflowError",
    "lock_reason",
    "next_state",
    "quarter_window",
]


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
