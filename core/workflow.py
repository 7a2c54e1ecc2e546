"""The review workflow, pure: draft (or returned) → submitted → approved or returned, reopened to draft.

The quarterly Form-3 (submissions) and the evaluation tables' yearly texts (plans) follow it, so it
lives below both: states, actions and transitions are defined here once; services apply them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    # The unit is entering values; editable by the unit.
    DRAFT = "draft", _("Taslak")
    # Sent by the unit approver; waits for the strategy directorate.
    SUBMITTED = "submitted", _("Gönderildi")
    # Sent back by the directorate with a comment; editable by the unit again.
    RETURNED = "returned", _("İade edildi")
    # Accepted by the directorate; locked.
    APPROVED = "approved", _("Onaylandı")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Gönder")
    APPROVE = "approve", _("Onayla")
    RETURN = "return", _("İade et")
    REOPEN = "reopen", _("Yeniden aç")


S = ReviewState

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


class LockReason(models.TextChoices):
    """Why a unit cannot change a quarter's form: always said exactly, never a bare "locked"."""

    NOT_YET_OPEN = "not_yet_open", _("Henüz açılmadı")
    DEADLINE_PASSED = "deadline_passed", _("Süre doldu")
    EXCEPTION_EXPIRED = "exception_expired", _("İstisna süresi doldu")
    SUBMITTED = "submitted", _("Gönderildi, inceleniyor")
    APPROVED = "approved", _("Onaylandı")
    YEAR_CLOSED = "year_closed", _("Yıl kapatıldı")
