"""The workflow and the quarter windows, pure (no database, dates given)."""

from datetime import date

import pytest

from submissions.choices import SubmissionState as S
from submissions.workflow import Action, LockReason, WorkflowError, lock_reason, next_state, quarter_window


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (S.DRAFT, Action.SUBMIT, S.SUBMITTED),
        (S.RETURNED, Action.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, Action.APPROVE, S.APPROVED),
        (S.SUBMITTED, Action.RETURN, S.RETURNED),
        (S.APPROVED, Action.REOPEN, S.DRAFT),
    ],
)
def test_allowed_transitions(state, action, expected):
    assert next_state(state, action) == expected


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.DRAFT, Action.APPROVE),
        (S.DRAFT, Action.RETURN),
        (S.SUBMITTED, Action.SUBMIT),
        (S.APPROVED, Action.SUBMIT),
        (S.APPROVED, Action.RETURN),
        (S.RETURNED, Action.APPROVE),
    ],
)
def test_refused_transitions_say_why_in_turkish(state, action):
    with pytest.raises(WorkflowError, match="yapılamaz"):
        next_state(state, action)


@pytest.mark.parametrize(
    ("year", "quarter", "opens", "deadline"),
    [
        (2024, 1, date(2024, 4, 1), date(2024, 4, 30)),
        (2024, 2, date(2024, 7, 1), date(2024, 7, 31)),
        (2024, 3, date(2024, 10, 1), date(2024, 10, 31)),
        (2024, 4, date(2025, 1, 1), date(2025, 1, 31)),  # the fourth quarter closes in the next year
        (2023, 4, date(2024, 1, 1), date(2024, 1, 31)),
    ],
)
def test_quarter_window(year, quarter, opens, deadline):
    window = quarter_window(year, quarter)
    assert (window.opens, window.deadline) == (opens, deadline)


def test_quarter_outside_1_to_4_is_refused():
    with pytest.raises(ValueError):
        quarter_window(2024, 5)


W = quarter_window(2026, 3)  # opens 01.10.2026, deadline 31.10.2026


@pytest.mark.parametrize(
    ("today", "state", "until", "had", "expected"),
    [
        (date(2026, 9, 30), S.DRAFT, None, False, LockReason.NOT_YET_OPEN),
        (date(2026, 10, 1), S.DRAFT, None, False, None),
        (date(2026, 10, 31), S.RETURNED, None, False, None),  # the deadline day itself is open
        (date(2026, 11, 1), S.DRAFT, None, False, LockReason.DEADLINE_PASSED),
        (date(2026, 11, 10), S.DRAFT, date(2026, 11, 15), True, None),  # an exception reopens it
        (date(2026, 11, 16), S.DRAFT, date(2026, 11, 15), True, LockReason.EXCEPTION_EXPIRED),
        (date(2026, 10, 5), S.SUBMITTED, None, False, LockReason.SUBMITTED),
        (date(2026, 10, 5), S.APPROVED, None, False, LockReason.APPROVED),
        (date(2026, 11, 10), S.APPROVED, date(2026, 11, 15), True, LockReason.APPROVED),
    ],
)
def test_lock_reason_is_always_specific(today, state, until, had, expected):
    assert lock_reason(today=today, window=W, state=state, exception_until=until, had_exception=had) == expected
