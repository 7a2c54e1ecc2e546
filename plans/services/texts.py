"""Writes of the evaluation tables' yearly texts: written by the responsible unit, accepted by the directorate.

They follow the review workflow the quarterly forms follow too (core.workflow: draft or returned →
submitted → approved or returned) with a version check on every save and an audit entry for every change.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import ApplicationError, ConcurrentEditError
from core.workflow import EDITABLE_STATES, Action, WorkflowError, next_state
from plans import locks
from plans.models import SPIndicator, SPIndicatorYear, Target, TargetYear

TARGET_TEXT_FIELDS = ("deviation_reason", "measures")
SP_TEXT_FIELDS = ("relevance", "effectiveness", "efficiency", "sustainability")

YearRow = TargetYear | SPIndicatorYear


def text_fields(row: YearRow) -> tuple[str, ...]:
    """Return the text fields of a target's or an SP indicator's year."""
    return TARGET_TEXT_FIELDS if isinstance(row, TargetYear) else SP_TEXT_FIELDS


def target_year_row(*, target: Target, year: int) -> TargetYear:
    """Return the target's row for the year, created empty the first time texts are written."""
    row, _created = TargetYear.objects.get_or_create(target=target, year=year)
    return row


def sp_year_row(*, indicator: SPIndicator, year: int) -> SPIndicatorYear:
    """Return the SP indicator's row for the year (it exists once the yearly target was set)."""
    row = SPIndicatorYear.objects.filter(indicator=indicator, year=year).first()
    if row is None:
        raise ApplicationError(_("Bu yıl için göstergenin hedefi yok; önce yıllık hedefi girin."))
    return row


def _locked(row: YearRow, attempted: dict[str, Any]) -> YearRow:
    """Lock the row; refused when its year is closed."""
    row = type(row).objects.select_for_update().get(pk=row.pk)
    target = row.target if isinstance(row, TargetYear) else row.indicator.target
    locks.year_refuse_if_closed(administration_id=target.aim.plan.administration_id, year=row.year, attempted=attempted)
    return row


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def yearly_texts_save(*, row: YearRow, values: dict[str, str], actor: Any, expected_version: int) -> YearRow:
    """Save a year's texts; refused once submitted or accepted, in a closed year, or if someone saved them meanwhile."""
    row = _locked(row, {name: value for name, value in values.items() if value})
    if row.text_version != expected_version:
        raise ConcurrentEditError(
            _("Bu metinler siz düzenlerken başka bir kullanıcı tarafından kaydedildi; değişiklikleriniz kaydedilmedi.")
        )
    if row.text_state not in EDITABLE_STATES:
        raise ApplicationError(
            _("Metinler “%(state)s” durumunda; değiştirilemez.") % {"state": row.get_text_state_display()}
        )
    fields = text_fields(row)
    changes = {
        name: [getattr(row, name) or None, values.get(name, "") or None]
        for name in fields
        if getattr(row, name) != values.get(name, "")
    }
    if not changes:
        return row
    for name in fields:
        setattr(row, name, values.get(name, ""))
    row.text_version += 1
    row.save(update_fields=[*fields, "text_version", "updated_at"])
    audit_record(actor=actor, obj=row, action="update", changes=changes)
    return row


@locks.records_closed_year_refusal("plan")
@transaction.atomic
def yearly_texts_transition(*, row: YearRow, action: str, actor: Any, comment: str = "") -> YearRow:
    """Submit (unit approver), accept or return with a comment (directorate) a year's texts."""
    row = _locked(row, {"action": action})
    if action == Action.SUBMIT and any(not getattr(row, name).strip() for name in text_fields(row)):
        raise ApplicationError(_("Göndermeden önce bütün metinleri yazın."))
    if action == Action.RETURN and not comment.strip():
        raise ApplicationError(_("İade için bir açıklama yazın: birim neyi düzelteceğini bilmeli."))
    old = row.text_state
    try:
        row.text_state = next_state(old, action)
    except WorkflowError as exc:
        raise ApplicationError(str(exc)) from exc
    row.text_version += 1
    if action == Action.RETURN:
        row.text_comment = comment
    elif action == Action.SUBMIT:
        row.text_comment = ""
    row.save(update_fields=["text_state", "text_version", "text_comment", "updated_at"])
    audit_record(
        actor=actor, obj=row, action=str(action), changes={"text_state": [old, row.text_state]}, reason=comment
    )
    return row
