"""Write a validated data set into the database: one transaction, keyed on codes, idempotent.

The import runs one writer per sheet (imports/writers/), in the workbook's order, inside the
transaction `_dataset_import` holds; the sheets were read and checked by their readers
(imports/readers/, assembled by imports.dataset).
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Administration
from imports.dataset import Dataset, DatasetError, RowError
from imports.readers.quarters import value_outliers, warning_rows
from imports.selectors import locked_quarter_rows
from imports.writers.budget import write_budget
from imports.writers.context import ImportContext
from imports.writers.plan import write_plan
from imports.writers.printed import write_printed
from imports.writers.programme import write_pp_indicators, write_programmes
from imports.writers.quarters import write_quarterly_values
from imports.writers.summary import (
    ClosedYearImportError,
    Counts,
    ImportSummary,
    LockedQuartersError,
    PendingRevision,
    Refusal,
    RevisionReasonRequired,
)
from imports.writers.units import write_administration, write_units
from imports.writers.upsert import EXAMPLES_PER_KIND, ClosedWrite, Upserter
from indicators.models import PPIndicator
from indicators.recompute_requests import request_recompute
from plans.locks import closed_year_message, closed_year_refusal_record, closed_years
from plans.models import SPIndicator
from plans.services.common import revision_record
from plans.services.programme import pp_indicators_with_values
from plans.services.strategic import sp_indicators_with_values
from submissions.locks import quarter_write_refusal_record

__all__ = [
    "EXAMPLES_PER_KIND",
    "ClosedYearImportError",
    "Counts",
    "ImportSummary",
    "LockedQuartersError",
    "PendingRevision",
    "Refusal",
    "RevisionReasonRequired",
    "dataset_import",
    "workbook_import",
]


def dataset_import(
    *,
    dataset: Dataset,
    actor: Any = None,
    recompute: bool = True,
    reason: str = "",
    require_reason: bool = True,
) -> ImportSummary:
    """Create or update everything the data set describes; all or nothing.

    Records are matched on their codes (and years), so importing the same data set twice changes
    nothing, and a changed cell updates its record in place with an audit entry. When something
    changed, the results are recomputed once the import commits (unless `recompute` is False: the
    caller then computes them itself). A data set that changes a figure of a locked quarter
    (submitted, approved or in a closed year) is refused whole, and each refused row is recorded in
    its form's history.

    Plan maintenance's rule holds here too: a change of a target value, weight, baseline, direction
    or aggregation method of an indicator that had values before the import needs a `reason` and
    is kept as a versioned revision; without one the import is refused (RevisionReasonRequired),
    unless `require_reason` is False (a dry run that only lists them in `summary.revisions`).
    """
    try:
        return _dataset_import(
            dataset=dataset, actor=actor, recompute=recompute, reason=reason, require_reason=require_reason
        )
    except (LockedQuartersError, ClosedYearImportError) as exc:
        _refusals_record(exc, actor=actor)
        raise


def _refusals_record(error: LockedQuartersError | ClosedYearImportError, *, actor: Any) -> None:
    """Record each refusal in its form's or year's history (outside the rolled-back import)."""
    if isinstance(error, ClosedYearImportError):
        for year, attempted in error.attempted.items():
            closed_year_refusal_record(
                administration_id=error.administration_id, year=year, actor=actor, channel="import", attempted=attempted
            )
        return
    for refusal in error.refusals:
        quarter_write_refusal_record(
            unit_id=refusal.unit_id,
            year=refusal.year,
            quarter=refusal.quarter,
            actor=actor,
            channel="import",
            lock=refusal.lock,
            attempted=refusal.attempted,
        )


@transaction.atomic
def _dataset_import(
    *, dataset: Dataset, actor: Any, recompute: bool, reason: str, require_reason: bool
) -> ImportSummary:
    reason = reason.strip()
    summary = ImportSummary(warnings=list(dataset.warnings))
    outliers = value_outliers(dataset, factor=Decimal(settings.ENTRY_OUTLIER_FACTOR))
    summary.warnings += warning_rows(outliers)
    up = Upserter(actor=actor, summary=summary, reason=reason)
    admin_row = _administration_row(dataset)
    _refuse_locked_quarters(dataset, administration_code=admin_row["code"])
    admin = write_administration(up, admin_row)
    summary.administration_id = admin.pk
    up.closed_years = closed_years(administration_id=admin.pk, years=_years(dataset))
    ctx = ImportContext(dataset=dataset, up=up, admin=admin, value_outliers=outliers)
    _note_indicators_with_values(ctx)
    # One writer per sheet, in the workbook's order: each refers only to records written before it.
    for write in (
        write_units,
        write_plan,
        write_programmes,
        write_pp_indicators,
        write_quarterly_values,
        write_budget,
        write_printed,
    ):
        write(ctx)
    if up.closed_writes:
        raise _closed_year_error(up.closed_writes, administration_id=admin.pk)
    if summary.revisions:
        if reason:
            _record_revisions(summary.revisions, reason=reason, actor=actor)
        elif require_reason:
            raise RevisionReasonRequired(summary.revisions)
    if recompute and summary.changed:
        request_recompute(administration_id=admin.pk, year=None)
    return summary


def _years(dataset: Dataset) -> set[int]:
    """Return every year a row of the data set names."""
    return {r["year"] for rows in dataset.rows.values() for r in rows if isinstance(r.get("year"), int)}


# How many of a closed year's refused records a message names (the history keeps as many).
CLOSED_EXAMPLES = 5


def _closed_year_error(writes: list[ClosedWrite], *, administration_id: int) -> ClosedYearImportError:
    """Return the refusal of a data set that would write records of closed years: one error per year and kind."""
    groups: dict[tuple[int, str], list[str]] = {}
    for write in writes:
        groups.setdefault((write.year, write.label), []).append(write.record)
    errors = []
    attempted: dict[int, dict[str, Any]] = {}
    for (year, label), records in groups.items():
        named = ", ".join(records[:CLOSED_EXAMPLES]) + (" …" if len(records) > CLOSED_EXAMPLES else "")
        errors.append(
            RowError(
                label,
                None,
                None,
                _("%(message)s Değişecek kayıtlar (%(count)s): %(records)s.")
                % {"message": closed_year_message(year), "count": len(records), "records": named},
            )
        )
        attempted.setdefault(year, {})[label] = named
    return ClosedYearImportError(errors, administration_id=administration_id, attempted=attempted)


def _administration_row(dataset: Dataset) -> dict[str, Any]:
    rows = dataset.sheet("administration")
    if len(rows) != 1:
        raise DatasetError([RowError("administration", None, None, _("Tam olarak bir idare satırı olmalı."))])
    return rows[0]


def _refuse_locked_quarters(dataset: Dataset, *, administration_code: str) -> None:
    """Refuse the whole data set when it changes a figure of a locked quarter."""
    locked = locked_quarter_rows(dataset=dataset, administration_code=administration_code)
    if locked:
        raise LockedQuartersError(
            [row.error for row in locked],
            [
                Refusal(row.unit_id, row.year, row.quarter, lock=row.lock, attempted=row.attempted)
                for row in locked
                if row.unit_id is not None
            ],
        )


def _note_indicators_with_values(ctx: ImportContext) -> None:
    """Decide which indicators have values before the import writes any (values that arrive with the
    same workbook are not there yet when its plan figures are set)."""
    ctx.sp_with_values = sp_indicators_with_values(
        SPIndicator.objects.filter(target__aim__plan__administration=ctx.admin).values_list("pk", flat=True)
    )
    ctx.pp_with_values = pp_indicators_with_values(
        PPIndicator.objects.filter(performance_program__administration=ctx.admin).values_list("pk", flat=True)
    )


def _record_revisions(revisions: list[PendingRevision], *, reason: str, actor: Any) -> None:
    """Keep the revisions as the plan screens do: one version per indicator and year whose figures change."""
    groups: dict[tuple[str, int, int | None], list[PendingRevision]] = {}
    for pending in revisions:
        indicator = pending.target.indicator
        groups.setdefault((indicator._meta.label, indicator.pk, pending.year), []).append(pending)
    for group in groups.values():
        revision_record(
            target=group[0].target, changes={r.field_name: (r.old, r.new) for r in group}, reason=reason, actor=actor
        )


def _with_administration(*, dataset: Dataset, administration: Administration | None) -> Dataset:
    """Return the data set with its administration row: the workbook's own, or the given one's."""
    rows = dataset.sheet("administration")
    if administration is None:
        return dataset
    if not rows:
        return Dataset(
            rows={
                **dataset.rows,
                "administration": [{"_row": None, "code": administration.code, "name": administration.name}],
            },
            warnings=dataset.warnings,
        )
    if len(rows) == 1 and rows[0]["code"] != administration.code:
        raise DatasetError(
            [
                RowError(
                    "administration",
                    rows[0]["_row"],
                    "code",
                    _(
                        "Çalışma kitabı başka bir idareye ait (“%(code)s”); yalnızca "
                        "“%(own)s” idaresinin verisi yüklenebilir."
                    )
                    % {"code": rows[0]["code"], "own": administration.code},
                )
            ]
        )
    return dataset


def workbook_import(
    *,
    dataset: Dataset,
    administration: Administration | None,
    actor: Any,
    dry_run: bool = False,
    expected_fingerprint: str | None = None,
    reason: str = "",
) -> ImportSummary:
    """Import a workbook's data set into the administration; with `dry_run`, only say what would change.

    The dry run runs the very same import and rolls it back, so its counts and warnings are exactly
    those of the real import (and nothing, audit entries, refusals and recompute requests included,
    remains).
    With `expected_fingerprint` (the preview's), the import is undone and refused when it would
    change anything else than the preview showed: someone changed the data in between.
    A dry run lists the changes that need a `reason` (summary.revisions) without requiring one.
    """
    dataset = _with_administration(dataset=dataset, administration=administration)
    try:
        with transaction.atomic():
            summary = dataset_import(dataset=dataset, actor=actor, reason=reason, require_reason=not dry_run)
            if dry_run:
                transaction.set_rollback(True)
            elif expected_fingerprint is not None and summary.fingerprint != expected_fingerprint:
                raise DatasetError(
                    [
                        RowError(
                            _("çalışma kitabı"),
                            None,
                            None,
                            _(
                                "Veriler önizlemeden sonra değişti; hiçbir şey yazılmadı. Çalışma kitabını yeniden "
                                "yükleyip yeni önizlemeyi inceleyin."
                            ),
                        )
                    ]
                )
    except (LockedQuartersError, ClosedYearImportError) as exc:
        # The refusals recorded inside were undone with the rest: record them for good here, unless
        # this was only a preview (a preview writes nothing, not even a refusal).
        if not dry_run:
            _refusals_record(exc, actor=actor)
        raise
    return summary
