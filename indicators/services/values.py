"""Saving one indicator's quarter: checked, versioned, audited, and followed by a recompute."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.audit import audit_changes, audit_record, audit_record_many
from core.exceptions import ApplicationError, ConcurrentEditError
from core.numbers import format_decimal
from indicators.calculations import quarter_figure_problems, ratio_quarter_value
from indicators.checks import (
    EntryHistory,
    EntryWarning,
    confirmation_record,
    confirmed_text,
    entry_history,
    entry_refusals,
    entry_warnings,
    is_count_unit,
)
from indicators.models import PPIndicator, QuarterlyValue
from indicators.recompute_requests import request_recompute
from indicators.selectors import last_year_quarters
from plans.choices import AggregationMethod

FIGURE_FIELDS = ("value", "numerator", "denominator", "year_end_estimate", "narrative", "no_data_reason")
EDITABLE_FIELDS = (*FIGURE_FIELDS, "confirmed_warnings", "warning_comment")


# The relations a service already holds (the indicator it read, the acting user): their existence is
# not asked of the database again by clean_fields. Field checks (digits, decimals) remain; uniqueness
# and the other invariants are the database's.
KNOWN_RELATIONS = ["indicator", "updated_by"]


def deleted_meanwhile() -> ConcurrentEditError:
    """Return the refusal of a save that started from a row deleted since."""
    return ConcurrentEditError(_("Bu kayıt siz düzenlerken silinmiş; sayfayı yenileyin."))


def concurrent_edit(current: QuarterlyValue, editor: Any) -> ConcurrentEditError:
    """Return the refusal of a save that started from an older version: who saved meanwhile, and what."""
    return ConcurrentEditError(
        _("%(user)s bu dönemi siz düzenlerken kaydetti (değer: %(value)s). Değişiklikleriniz kaydedilmedi.")
        % {"user": editor or _("başka bir kullanıcı"), "value": current.value},
        extra={"current": {f: getattr(current, f) for f in FIGURE_FIELDS}, "version": current.version},
    )


def quarter_figures(
    indicator: PPIndicator,
    quarter: int,
    *,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    year_end_estimate: Decimal | None,
    narrative: str,
    no_data_reason: str,
) -> dict[str, Any]:
    """Return the figures to store for an indicator's quarter, or raise ApplicationError with the first problem.

    A RATIO indicator's value is computed from its numerator and denominator; a count indicator
    refuses decimals (indicators.checks).
    """
    if quarter not in (1, 2, 3, 4):
        raise ApplicationError(_("Dönem 1 ile 4 arasında olmalı."))
    problems = quarter_figure_problems(
        aggregation=indicator.aggregation,
        quarter=quarter,
        value=value,
        numerator=numerator,
        denominator=denominator,
        allows_negative=indicator.allows_negative,
        decimals=indicator.decimals,
        year_end_estimate=year_end_estimate,
        counts=is_count_unit(indicator.unit_of_measure),
    )
    problems += entry_refusals(
        unit_of_measure=indicator.unit_of_measure,
        aggregation=indicator.aggregation,
        value=value,
        year_end_estimate=year_end_estimate,
    )
    if problems:
        raise ApplicationError(problems[0][1])
    if indicator.aggregation == AggregationMethod.RATIO:
        value = ratio_quarter_value(numerator, denominator)
    return {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "year_end_estimate": year_end_estimate,
        "narrative": narrative,
        "no_data_reason": no_data_reason,
    }


class EntryWarningsError(ApplicationError):
    """The value raises entry warnings the unit has not confirmed; `extra["warnings"]` lists their messages."""


def audited_figures(figures: dict[str, Any]) -> dict[str, Any]:
    """Return the figures as the history shows them: the confirmed warnings as their sentences."""
    return {
        **figures,
        "confirmed_warnings": confirmed_text(figures.get("confirmed_warnings")) or None,
        "warning_comment": figures.get("warning_comment") or None,
    }


def _history(indicator: PPIndicator, quarter: int) -> EntryHistory:
    """Return what the indicator's quarter is compared with (two queries; forms pass it in instead)."""
    programme = indicator.performance_program
    this_year = dict(QuarterlyValue.objects.filter(indicator=indicator).values_list("quarter", "value"))
    last_year = last_year_quarters(
        administration_id=programme.administration_id, year=programme.year, codes=[indicator.code]
    )
    return entry_history(quarter=quarter, this_year=this_year, last_year=last_year.get(indicator.code, {}))


def value_warnings(indicator: PPIndicator, value: Decimal | None, history: EntryHistory) -> list[EntryWarning]:
    """Return the entry warnings a quarter's value raises (indicators.checks), numbers as the page writes them."""
    language = get_language() or "tr"
    return entry_warnings(
        aggregation=indicator.aggregation,
        value=value,
        previous_quarter=history.previous_quarter,
        same_quarter_last_year=history.same_quarter_last_year,
        factor=Decimal(settings.ENTRY_OUTLIER_FACTOR),
        format_number=lambda number: format_decimal(number, language=language),
    )


def warnings_confirmation(
    *,
    indicator: PPIndicator,
    current: QuarterlyValue | None,
    value: Decimal | None,
    history: EntryHistory | None,
    confirm_warnings: bool,
    warning_comment: str,
    quarter: int,
) -> tuple[list[dict[str, str]], str]:
    """Return the warnings confirmed for the value and their comment; refuse an unconfirmed warning.

    Only a changed value is checked again: an unchanged one keeps what was confirmed for it.
    """
    comment = warning_comment.strip()
    if current is not None and current.value == value:
        return current.confirmed_warnings, (comment or current.warning_comment) if current.confirmed_warnings else ""
    warnings = value_warnings(indicator, value, history or _history(indicator, quarter))
    if not warnings:
        return [], ""
    if not (confirm_warnings and comment):
        raise EntryWarningsError(
            _(
                "Değer olağan dışı görünüyor: %(warnings)s Doğruysa “Değeri doğruluyorum” kutusunu "
                "işaretleyip bir açıklama yazın."
            )
            % {"warnings": " ".join(w.message for w in warnings)},
            extra={"warnings": [w.message for w in warnings]},
        )
    return confirmation_record(warnings, comment)


def value_confirmation(
    *,
    indicator: PPIndicator,
    quarter: int,
    value: Decimal | None,
    confirm_warnings: bool,
    warning_comment: str,
) -> tuple[list[dict[str, str]], str]:
    """Return the warnings a value typed outside the Form-3 (the Django admin) keeps; EntryWarningsError if unconfirmed.

    The Form-3's rule: a changed value far from the indicator's history is saved only when confirmed
    with a comment.
    """
    current = QuarterlyValue.objects.filter(indicator=indicator, quarter=quarter).first()
    return warnings_confirmation(
        indicator=indicator,
        current=current,
        value=value,
        history=None,
        confirm_warnings=confirm_warnings,
        warning_comment=warning_comment,
        quarter=quarter,
    )


@transaction.atomic
def quarterly_values_warnings_confirm(
    *, confirmations: list[tuple[QuarterlyValue, list[EntryWarning]]], comment: str, actor: Any, reason: str
) -> int:
    """Keep the warnings of values written in bulk (the import) as confirmed with `comment`, as the form keeps them.

    `confirmations` pairs each value whose figure changed with the warnings it raised (empty: any
    earlier confirmation goes, as on the form). Audited; returns how many values changed.
    """
    changed: list[QuarterlyValue] = []
    audits = []
    for row, warnings in confirmations:
        stored, note = confirmation_record(warnings, comment)
        if stored == (row.confirmed_warnings or []) and note == row.warning_comment:
            continue
        old = audited_figures({"confirmed_warnings": row.confirmed_warnings, "warning_comment": row.warning_comment})
        row.confirmed_warnings, row.warning_comment = stored, note
        new = audited_figures({"confirmed_warnings": stored, "warning_comment": note})
        audits.append((row, "warnings_confirm", audit_changes(old=old, new=new)))
        changed.append(row)
    QuarterlyValue.objects.bulk_update(changed, ["confirmed_warnings", "warning_comment"], batch_size=500)
    audit_record_many(actor=actor, entries=audits, reason=reason)
    return len(changed)


@transaction.atomic
def quarterly_value_save(
    *,
    indicator: PPIndicator,
    quarter: int,
    actor: Any,
    expected_version: int | None,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    year_end_estimate: Decimal | None = None,
    narrative: str = "",
    no_data_reason: str = "",
    reason: str = "",
    recompute: bool = True,
    confirm_warnings: bool = False,
    warning_comment: str = "",
    history: EntryHistory | None = None,
) -> QuarterlyValue:
    """Create or update an indicator's figures for one quarter.

    `expected_version` is the version the user started from (None for a quarter not saved yet): if
    someone saved in between, nothing is written and ConcurrentEditError says what they saved.
    A RATIO indicator's quarter value is computed from its numerator and denominator. A count
    indicator refuses decimals; a value far from the indicator's history is saved only with
    `confirm_warnings` and a `warning_comment` (EntryWarningsError otherwise), both kept for the
    reviewer. `history` is what the quarter is compared with (read here when not given). With
    `recompute` False the caller asks for the recompute itself (once for a whole form).
    """
    new: dict[str, Any] = quarter_figures(
        indicator,
        quarter,
        value=value,
        numerator=numerator,
        denominator=denominator,
        year_end_estimate=year_end_estimate,
        narrative=narrative,
        no_data_reason=no_data_reason,
    )
    current = QuarterlyValue.objects.select_for_update().filter(indicator=indicator, quarter=quarter).first()
    if current is None and expected_version is not None:
        raise deleted_meanwhile()
    if current is not None and expected_version != current.version:
        raise concurrent_edit(current, current.updated_by)
    new["confirmed_warnings"], new["warning_comment"] = warnings_confirmation(
        indicator=indicator,
        current=current,
        value=value,
        history=history,
        confirm_warnings=confirm_warnings,
        warning_comment=warning_comment,
        quarter=quarter,
    )
    if current is None:
        row = QuarterlyValue(indicator=indicator, quarter=quarter, updated_by=actor, **new)
        row.clean_fields(exclude=KNOWN_RELATIONS)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            # Someone created the quarter's row at the same moment (nothing to lock before it existed):
            # the later insert waits for theirs and loses, and is told so like any other conflict.
            first = QuarterlyValue.objects.filter(indicator=indicator, quarter=quarter).first()
            if first is None:
                raise
            raise concurrent_edit(first, first.updated_by) from None
        audit_record(
            actor=actor,
            obj=row,
            action="create",
            changes=audit_changes(old={}, new=audited_figures(new)),
            reason=reason,
        )
    else:
        changes = audit_changes(
            old=audited_figures({f: getattr(current, f) for f in EDITABLE_FIELDS}), new=audited_figures(new)
        )
        if not changes:
            return current
        for name, field_value in new.items():
            setattr(current, name, field_value)
        current.version += 1
        current.updated_by = actor
        current.indicator = indicator  # known: its code names the row in the history, without a query
        current.clean_fields(exclude=KNOWN_RELATIONS)
        current.save(update_fields=[*EDITABLE_FIELDS, "version", "updated_by", "updated_at"])
        audit_record(actor=actor, obj=current, action="update", changes=changes, reason=reason)
        row = current
    if recompute:
        request_recompute(
            administration_id=indicator.performance_program.administration_id,
            year=indicator.performance_program.year,
            unit_id=indicator.responsible_unit_id,
        )
    return row


@transaction.atomic
def quarterly_value_admin_save(
    *,
    row: QuarterlyValue,
    changes: dict[str, list[Any]],
    actor: Any,
    created: bool,
    confirm_warnings: bool = False,
    warning_comment: str = "",
) -> QuarterlyValue:
    """Save a quarter's figures edited in the Django admin: a new version, audited, recomputed.

    The admin form has already checked the fields and the quarter's lock; the new version makes a
    Form-3 opened before this edit refuse to overwrite it. A value far from the indicator's history
    needs the Form-3's confirmation and comment (EntryWarningsError otherwise), kept the same way.
    """
    previous = None if created else QuarterlyValue.objects.select_for_update().get(pk=row.pk)
    if previous is not None:
        if not changes:
            return row
        row.version = previous.version + 1
    before = {}
    if previous is not None:
        before = audited_figures(
            {"confirmed_warnings": previous.confirmed_warnings, "warning_comment": previous.warning_comment}
        )
    row.confirmed_warnings, row.warning_comment = value_confirmation(
        indicator=row.indicator,
        quarter=row.quarter,
        value=row.value,
        confirm_warnings=confirm_warnings,
        warning_comment=warning_comment,
    )
    after = audited_figures({"confirmed_warnings": row.confirmed_warnings, "warning_comment": row.warning_comment})
    row.updated_by = actor
    row.save()
    figures = audit_changes(
        old={f: old for f, (old, _new) in changes.items()}, new={f: new for f, (_old, new) in changes.items()}
    )
    audit_record(
        actor=actor,
        obj=row,
        action="create" if created else "update",
        changes={**figures, **audit_changes(old=before, new=after)},
        reason=_("Yönetim paneli"),
    )
    indicator = row.indicator
    request_recompute(
        administration_id=indicator.performance_program.administration_id,
        year=indicator.performance_program.year,
        unit_id=indicator.responsible_unit_id,
    )
    return row


@transaction.atomic
def quarterly_value_admin_delete(*, row: QuarterlyValue, actor: Any) -> None:
    """Delete a quarter's figures in the Django admin (open quarters only): audited, recomputed."""
    indicator = row.indicator
    row = QuarterlyValue.objects.select_for_update().get(pk=row.pk)
    audit_record(
        actor=actor,
        obj=row,
        action="delete",
        changes=audit_changes(old=audited_figures({f: getattr(row, f) for f in EDITABLE_FIELDS}), new={}),
        reason=_("Yönetim paneli"),
    )
    row.delete()
    request_recompute(
        administration_id=indicator.performance_program.administration_id,
        year=indicator.performance_program.year,
        unit_id=indicator.responsible_unit_id,
    )
