"""Saving many indicators' quarter at once (a whole Form-3): one locking read, set-based writes, one audit insert.

The rules are those of a single quarter's save (indicators.services.values: the figures' checks, the
version check, the entry warnings' confirmation, the audit text); only the statements differ: the
rows are locked and read once, the existing ones rewritten by one UPDATE, the new ones by one INSERT,
their history by one INSERT, whatever the number of indicators.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.audit import audit_changes, audit_record_many
from core.db import bulk_rewrite
from core.exceptions import ApplicationError
from indicators.checks import EntryHistory, entry_history
from indicators.models import PPIndicator, QuarterlyValue
from indicators.selectors import last_year_quarters
from indicators.services.values import (
    EDITABLE_FIELDS,
    KNOWN_RELATIONS,
    EntryWarningsError,
    audited_figures,
    concurrent_edit,
    deleted_meanwhile,
    quarter_figures,
    warnings_confirmation,
)

WRITTEN_FIELDS = [*EDITABLE_FIELDS, "version", "updated_by", "updated_at"]


@dataclass(frozen=True)
class QuarterInput:
    """What a form holds for one indicator's quarter (already parsed)."""

    indicator_id: int
    version: int | None  # the row version the user loaded; None for a quarter not saved yet
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    year_end_estimate: Decimal | None = None
    narrative: str = ""
    no_data_reason: str = ""
    # The unit confirms the value's entry warnings (indicators.checks) with a comment.
    confirm_warnings: bool = False
    warning_comment: str = ""

    @property
    def blank(self) -> bool:
        """Whether nothing was typed (no figure, no narrative, no reason)."""
        figures = (self.value, self.numerator, self.denominator, self.year_end_estimate)
        return all(f is None for f in figures) and not self.narrative.strip() and not self.no_data_reason.strip()


class QuarterValuesRefused(ApplicationError):
    """Some indicators' figures were refused; nothing was written.

    `extra["rows"]` maps indicator id → Turkish message, `extra["warnings"]` the ids refused for
    unconfirmed entry warnings → their messages.
    """


@dataclass
class _Planned:
    indicator: PPIndicator
    row: QuarterlyValue
    changes: dict[str, list[str | None]]
    created: bool


def quarter_rows_for_update(*, indicators: list[PPIndicator], quarter: int) -> dict[int, dict[int, QuarterlyValue]]:
    """Lock and return {indicator id: {quarter: row}} of the quarter and the earlier ones (one query).

    The earlier quarters are what a value is compared with; locking them with it keeps the comparison
    true until the save commits (they are closed quarters, which nobody else writes).
    """
    found: dict[int, dict[int, QuarterlyValue]] = {}
    by_id = {i.pk: i for i in indicators}
    for row in (
        QuarterlyValue.objects.select_for_update()
        .filter(indicator_id__in=list(by_id), quarter__lte=quarter)
        .order_by("pk")
    ):
        row.indicator = by_id[row.indicator_id]  # known: its code names the row in the history
        found.setdefault(row.indicator_id, {})[row.quarter] = row
    return found


def _plan(
    indicator: PPIndicator, quarter: int, entry: QuarterInput, current: QuarterlyValue | None, history: EntryHistory
) -> _Planned | None:
    """Return the write one entry asks (None when it changes nothing), or raise its refusal."""
    new: dict[str, Any] = quarter_figures(
        indicator,
        quarter,
        value=entry.value,
        numerator=entry.numerator,
        denominator=entry.denominator,
        year_end_estimate=entry.year_end_estimate,
        narrative=entry.narrative,
        no_data_reason=entry.no_data_reason,
    )
    if current is None and entry.version is not None:
        raise deleted_meanwhile()
    if current is not None and entry.version != current.version:
        raise _VersionConflict(current)
    new["confirmed_warnings"], new["warning_comment"] = warnings_confirmation(
        indicator=indicator,
        current=current,
        value=new["value"],
        history=history,
        confirm_warnings=entry.confirm_warnings,
        warning_comment=entry.warning_comment,
        quarter=quarter,
    )
    if current is None:
        row = QuarterlyValue(indicator=indicator, quarter=quarter, **new)
        return _Planned(indicator, row, audit_changes(old={}, new=audited_figures(new)), created=True)
    changes = audit_changes(
        old=audited_figures({f: getattr(current, f) for f in EDITABLE_FIELDS}), new=audited_figures(new)
    )
    if not changes:
        return None
    for name, field_value in new.items():
        setattr(current, name, field_value)
    current.version += 1
    return _Planned(indicator, current, changes, created=False)


class _VersionConflict(Exception):
    def __init__(self, current: QuarterlyValue) -> None:
        self.current = current


def quarter_values_save(
    *,
    indicators: list[PPIndicator],
    quarter: int,
    entries: list[QuarterInput],
    actor: Any,
    administration_id: int,
    year: int,
) -> int:
    """Save the entries of one quarter for indicators of one programme year, every row or none.

    Call inside the caller's transaction; `indicators` are those the entries may name (the caller
    refuses any other). An entry left blank for a quarter never saved writes nothing. A refused row
    (its figures, its version, an unconfirmed warning) raises QuarterValuesRefused naming every
    refused row. Five statements whatever the number of rows: the locking read, last year's values,
    one INSERT, one UPDATE, one audit INSERT. Return the number of rows written.
    """
    by_id = {i.pk: i for i in indicators}
    stored = quarter_rows_for_update(indicators=indicators, quarter=quarter)
    last_year = last_year_quarters(administration_id=administration_id, year=year, codes={i.code for i in indicators})
    planned: list[_Planned] = []
    errors: dict[int, str] = {}
    warnings: dict[int, list[str]] = {}
    conflicts: dict[int, QuarterlyValue] = {}
    for entry in entries:
        indicator = by_id[entry.indicator_id]
        rows = stored.get(indicator.pk, {})
        if entry.blank and quarter not in rows:
            continue  # nothing typed for a quarter never saved: no empty row
        history = entry_history(
            quarter=quarter,
            this_year={q: row.value for q, row in rows.items()},
            last_year=last_year.get(indicator.code, {}),
        )
        try:
            plan = _plan(indicator, quarter, entry, rows.get(quarter), history)
        except _VersionConflict as conflict:
            conflicts[indicator.pk] = conflict.current
        except EntryWarningsError as exc:
            errors[indicator.pk] = exc.message
            warnings[indicator.pk] = exc.extra["warnings"]
        except ApplicationError as exc:
            errors[indicator.pk] = exc.message
        else:
            if plan is not None:
                planned.append(plan)
    errors.update(_conflict_messages(conflicts))
    errors.update(_field_problems(planned))
    if errors:
        raise QuarterValuesRefused("", extra={"rows": errors, "warnings": warnings})
    _write(planned, actor)
    return len(planned)


def _conflict_messages(conflicts: dict[int, QuarterlyValue]) -> dict[int, str]:
    """Return each conflicting row's message, naming who saved it meanwhile (one query, only when any)."""
    if not conflicts:
        return {}
    editors = get_user_model().objects.in_bulk({row.updated_by_id for row in conflicts.values() if row.updated_by_id})
    return {pk: concurrent_edit(row, editors.get(row.updated_by_id)).message for pk, row in conflicts.items()}


def _field_problems(planned: list[_Planned]) -> dict[int, str]:
    """Return the rows whose figures their columns cannot hold (digits, decimals), with the field's message."""
    problems: dict[int, str] = {}
    for plan in planned:
        try:
            plan.row.clean_fields(exclude=KNOWN_RELATIONS)
        except ValidationError as exc:
            problems[plan.indicator.pk] = " ".join(exc.messages)
    return problems


def _write(planned: list[_Planned], actor: Any) -> None:
    """Write the planned rows and their history: one INSERT, one UPDATE, one audit INSERT at most."""
    now = timezone.now()
    for plan in planned:
        plan.row.updated_by = actor
        plan.row.updated_at = now
    created = [p.row for p in planned if p.created]
    updated = [p.row for p in planned if not p.created]
    if created:
        QuarterlyValue.objects.bulk_create(created)
    if updated:
        bulk_rewrite(updated, WRITTEN_FIELDS)
    if planned:
        audit_record_many(
            actor=actor,
            entries=[(p.row, "create" if p.created else "update", p.changes) for p in planned],
        )
