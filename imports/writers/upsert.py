"""The Upserter: create or update one model's rows keyed on natural keys, with set-based writes and audit."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from core.audit import audit_changes, audit_record_many
from imports.writers.summary import Counts, ImportSummary, PendingRevision
from plans.calculations import needs_reason
from plans.models import PerformanceProgram, Program, SubProgram
from plans.services.common import RevisionTarget

# How many changed records per kind the preview names (the counts are always complete).
EXAMPLES_PER_KIND = 20


def _digestible(changes: dict[str, list[str | None]]) -> list[tuple]:
    """Return the changes without new foreign keys: a record created by the same import has another id
    in the preview than in the real run, while the old value and every other field are the same."""
    return sorted((f, old, None if f.endswith("_id") else new) for f, (old, new) in changes.items())


def _field_label(model: Any, attname: str) -> str:
    """Return the field's verbose name (in the active language) for the preview."""
    for f in model._meta.concrete_fields:
        if f.attname == attname:
            return str(f.verbose_name)
    return attname


def _created_fields(obj: models.Model) -> dict[str, Any]:
    """Return a new record's stored fields for its audit entry (no id, no automatic time stamps)."""
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname != "id" and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
    }


@dataclass(frozen=True)
class Revised:
    """Which fields of a kind of record are revised (plans' lists) and, per record, whether its
    indicator had values before the import and what a revision of it belongs to."""

    sheet: str
    fields: tuple[str, ...]
    has_values: Callable[[Any], bool]
    target: Callable[[Any], RevisionTarget]


@dataclass(frozen=True)
class ClosedWrite:
    """A record the import would create, change or delete in a closed year."""

    year: int
    label: str  # the kind of record, translated
    record: str


@dataclass
class _Batch:
    """What one run of the Upserter is going to write."""

    model: Any
    counts: Counts
    revised: Revised | None
    counts_label: str = ""
    to_create: list[models.Model] = field(default_factory=list)
    to_update: list[models.Model] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    audits: list[tuple[models.Model, str, dict]] = field(default_factory=list)


class Upserter:
    """Create or update rows of one model keyed on natural keys, with set-based writes and audit."""

    def __init__(self, *, actor: Any, summary: ImportSummary, reason: str = "") -> None:
        self.actor = actor
        self.summary = summary
        self.reason = reason
        self.audit_reason = _("İçe aktarma: %(reason)s") % {"reason": reason} if reason else _("İçe aktarma")
        self.last_updated: list[models.Model] = []  # the records the last run changed
        # The administration's closed years (set by the import) and the records it would write in them.
        self.closed_years: set[int] = set()
        self.closed_writes: list[ClosedWrite] = []

    def run(
        self,
        label: str,
        model: Any,
        *,
        existing: Iterable[models.Model],
        key: tuple[str, ...],
        rows: list[dict[str, Any]],
        create_only: tuple[str, ...] = (),
        revised: Revised | None = None,
    ) -> dict[tuple, Any]:
        """Return {key: instance} for every row, after writing only what differs.

        `create_only` fields are set on new records and left alone on existing ones (a sequence
        number the workbook has no column for must not renumber what people ordered elsewhere).
        A change of a `revised` field of a record whose indicator has values is noted in the
        summary's revisions.
        """
        by_key = {tuple(getattr(obj, k) for k in key): obj for obj in existing}
        batch = _Batch(model, self.summary.counts.setdefault(label, Counts()), revised, label)
        result: dict[tuple, Any] = {}
        for values in rows:
            row_key = tuple(values[k] for k in key)
            obj = by_key.get(row_key)
            if obj is None:
                obj = by_key[row_key] = self._create(batch, row_key, values)
            else:
                self._update(batch, obj, {f: v for f, v in values.items() if f not in create_only})
            result[row_key] = obj
        self._write(batch)
        return result

    def _create(self, batch: _Batch, row_key: tuple, values: dict[str, Any]) -> models.Model:
        obj = batch.model(**values)
        if batch.revised is not None:  # a new yearly target of an indicator with values, as on the screens
            fields = batch.revised.fields
            self._note_revisions(batch.revised, obj, {f: (None, values[f]) for f in fields if f in values})
        batch.to_create.append(obj)
        # The digest names the model, not the (translated) label: a preview and its confirmation agree
        # whatever language each was made in.
        self.summary.digest.update(repr((batch.model._meta.label, "create", row_key)).encode())
        return obj

    def _update(self, batch: _Batch, obj: models.Model, values: dict[str, Any]) -> None:
        old = {f: getattr(obj, f) for f in values}
        changes = audit_changes(old=old, new=values)
        if not changes:
            batch.counts.unchanged += 1
            return
        if batch.revised is not None:
            self._note_revisions(batch.revised, obj, {f: (old[f], values[f]) for f in changes})
        for f in values:
            setattr(obj, f, values[f])
        batch.update_fields.update(changes)
        batch.to_update.append(obj)
        batch.audits.append((obj, "update", changes))
        self.summary.digest.update(repr((batch.model._meta.label, "update", obj.pk, _digestible(changes))).encode())
        if len(batch.counts.changes) < EXAMPLES_PER_KIND:
            labelled = [(_field_label(batch.model, f), old[f], values[f]) for f in changes]
            batch.counts.changes.append((str(obj), labelled))

    def _note_closed(self, label: str, objs: Iterable[models.Model]) -> None:
        """Note every record to be written in a closed year (a year-bound record, or a line's month)."""
        if not self.closed_years:
            return
        objs = list(objs)
        programme_years = _programme_years(objs)
        for obj in objs:
            year = getattr(obj, "year", None)
            if year is None and getattr(obj, "line_id", None) is not None:
                year = obj.line.year  # type: ignore[attr-defined]
            if year is None:
                year = programme_years.get(_programme_key(obj))
            if year in self.closed_years:
                self.closed_writes.append(ClosedWrite(year, label, str(obj)))

    def _write(self, batch: _Batch) -> None:
        self._note_closed(batch.counts_label, [*batch.to_create, *batch.to_update])
        if batch.to_create:
            batch.model.objects.bulk_create(batch.to_create, batch_size=500)
            batch.audits.extend(
                (obj, "create", audit_changes(old={}, new=_created_fields(obj))) for obj in batch.to_create
            )
        if batch.to_update:
            batch.model.objects.bulk_update(batch.to_update, sorted(batch.update_fields), batch_size=500)
        batch.counts.created += len(batch.to_create)
        batch.counts.updated += len({id(o) for o in batch.to_update})
        self.last_updated = batch.to_update
        audit_record_many(actor=self.actor, entries=batch.audits, reason=self.audit_reason)

    def delete(self, queryset: Any, *, label: str) -> None:
        """Delete the records of `queryset` (each with an audit entry), counted as updates of `label`."""
        doomed = list(queryset)
        if not doomed:
            return
        self._note_closed(label, doomed)
        audit_record_many(
            actor=self.actor,
            entries=[(obj, "delete", {"amount": [str(obj.amount), None]}) for obj in doomed],
            reason=self.audit_reason,
        )
        for obj in doomed:
            self.summary.digest.update(repr((queryset.model._meta.label, "delete", obj.pk)).encode())
        queryset.model.objects.filter(pk__in=[obj.pk for obj in doomed]).delete()
        self.summary.counts.setdefault(label, Counts()).updated += len(doomed)

    def _note_revisions(self, revised: Revised, obj: Any, changes: dict[str, tuple[Any, Any]]) -> None:
        needing = needs_reason(changed=changes, revised_fields=revised.fields, has_values=revised.has_values(obj))
        if not needing:
            return
        target = revised.target(obj)
        self.summary.revisions.extend(
            PendingRevision(revised.sheet, target.code, target.year, name, *changes[name], target=target)
            for name in needing
        )


# A performance programme's records carry their year through the programme: a PP indicator and a
# programme directly, a sub-programme through its programme, a goal or an activity through its
# sub-programme. Each key names the foreign key and the path from its model to the year.
_PROGRAMME_PATHS = (
    ("performance_program_id", PerformanceProgram, "year"),
    ("program_id", Program, "performance_program__year"),
    ("sub_program_id", SubProgram, "program__performance_program__year"),
)


def _programme_key(obj: models.Model) -> tuple[str, Any] | None:
    for attribute, _model, _path in _PROGRAMME_PATHS:
        value = getattr(obj, attribute, None)
        if value is not None:
            return attribute, value
    return None


def _programme_years(objs: list[models.Model]) -> dict[tuple[str, Any] | None, int]:
    """Return the performance-programme year of each record that belongs to one, in one query per kind."""
    years: dict[tuple[str, Any] | None, int] = {}
    for attribute, model, path in _PROGRAMME_PATHS:
        ids = {key[1] for obj in objs if (key := _programme_key(obj)) and key[0] == attribute}
        if ids:
            rows = model.objects.filter(pk__in=ids).values_list("pk", path)
            years.update({(attribute, pk): year for pk, year in rows})
    return years
