"""Write a validated data set into the database: one transaction, keyed on codes, idempotent."""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Administration, Unit
from budget.choices import TransferKind
from budget.models import BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from budget.services import budget_lines_refresh_totals
from core.audit import audit_changes, audit_record_many
from core.numbers import format_decimal
from imports.dataset import Dataset, DatasetError, RowError
from imports.selectors import locked_quarter_rows
from indicators.models import PPIndicator, QuarterlyValue
from indicators.tasks import request_recompute
from plans.calculations import needs_reason
from plans.choices import RevisedField
from plans.models import (
    Activity,
    Aim,
    PerformanceProgram,
    Program,
    SPIndicator,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    SubProgramGoal,
    Target,
    TargetYear,
)
from plans.services.common import RevisionTarget, revision_record
from plans.services.programme import PP_REVISED, pp_indicators_with_values
from plans.services.strategic import SP_REVISED, SP_YEARLY_REVISED, sp_indicators_with_values
from reports.models import PrintedFigure
from submissions.services import quarter_write_refusal_record

# How many changed records per kind the preview names (the counts are always complete).
EXAMPLES_PER_KIND = 20


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # A few of the changed records with (field label, old, new) of each changed field, for the preview.
    changes: list[tuple[str, list[tuple[str, Any, Any]]]] = field(default_factory=list)


@dataclass(frozen=True)
class PendingRevision:
    """A change the import makes to a figure results depend on, of an indicator that already has
    values (plan maintenance's rule): it needs a reason and is kept as a versioned revision."""

    sheet: str
    code: str
    year: int | None
    field_name: str
    old: Any
    new: Any
    target: RevisionTarget = field(compare=False, repr=False)

    @property
    def column(self) -> str:
        """The workbook's column of the field (a target value is the `target` column)."""
        return "target" if self.field_name == RevisedField.TARGET_VALUE else self.field_name

    @property
    def field_label(self) -> str:
        return str(RevisedField(self.field_name).label)

    def __str__(self) -> str:
        """GYH.01 (2024) Hedeflenen değer: 950.000 → 960.000"""
        year = f" ({self.year})" if self.year is not None else ""
        return f"{self.code}{year} {self.field_label}: {_plain(self.old)} → {_plain(self.new)}"


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_decimal(value, language=translation.get_language() or "tr")
    return "—" if value is None or value == "" else str(value)


class RevisionReasonRequired(DatasetError):
    """The import changes figures of indicators with values and no reason was given: nothing written.

    `errors` are a first line naming the indicators, then one line per change."""

    def __init__(self, revisions: list[PendingRevision]) -> None:
        self.codes = list(dict.fromkeys(r.code for r in revisions))
        self.message = _(
            "Değerleri girilmiş göstergelerin hedef, ağırlık, başlangıç değeri, yön ya da hesaplama yöntemi "
            "değişiyor (%(codes)s): bu değişiklikler için gerekçe yazın."
        ) % {"codes": ", ".join(self.codes)}
        super().__init__(
            [RowError(_("çalışma kitabı"), None, None, self.message)]
            + [RowError(r.sheet, None, r.column, str(r)) for r in revisions]
        )
        self.revisions = revisions


@dataclass
class ImportSummary:
    """What an import created, changed and left alone, per kind of record."""

    administration_id: int | None = None
    counts: dict[str, Counts] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)
    # The changes that need a reason (indicators with values), in the order of the workbook's sheets.
    revisions: list[PendingRevision] = field(default_factory=list)
    # A digest of every change (kind, record, fields, old and new): a preview and its confirmation
    # must agree, or the data changed between them.
    digest: Any = field(default_factory=hashlib.sha256, repr=False, compare=False)

    @property
    def fingerprint(self) -> str:
        return str(self.digest.hexdigest())

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())


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


@dataclass(frozen=True)
class _Revised:
    """Which fields of a kind of record are revised (plans' lists) and, per record, whether its
    indicator had values before the import and what a revision of it belongs to."""

    sheet: str
    fields: tuple[str, ...]
    has_values: Callable[[Any], bool]
    target: Callable[[Any], RevisionTarget]


class _Upserter:
    """Create or update rows of one model keyed on natural keys, with set-based writes and audit."""

    def __init__(self, *, actor: Any, summary: ImportSummary, reason: str = "") -> None:
        self.actor = actor
        self.summary = summary
        self.audit_reason = _("İçe aktarma: %(reason)s") % {"reason": reason} if reason else _("İçe aktarma")
        self.last_updated: list[models.Model] = []  # the records the last run changed

    def run(
        self,
        label: str,
        model: Any,
        *,
        existing: Iterable[models.Model],
        key: tuple[str, ...],
        rows: list[dict[str, Any]],
        create_only: tuple[str, ...] = (),
        revised: _Revised | None = None,
    ) -> dict[tuple, Any]:
        """Return {key: instance} for every row, after writing only what differs.

        `create_only` fields are set on new records and left alone on existing ones (a sequence
        number the workbook has no column for must not renumber what people ordered elsewhere).
        A change of a `revised` field of a record whose indicator has values is noted in the
        summary's revisions.
        """
        by_key = {tuple(getattr(obj, k) for k in key): obj for obj in existing}
        # The digest names the model, not the (translated) label: a preview and its confirmation agree
        # whatever language each was made in.
        kind = model._meta.label
        counts = self.summary.counts.setdefault(label, Counts())
        to_create: list[models.Model] = []
        to_update: list[models.Model] = []
        update_fields: set[str] = set()
        audits: list[tuple[models.Model, str, dict]] = []
        result: dict[tuple, Any] = {}
        for values in rows:
            row_key = tuple(values[k] for k in key)
            obj = by_key.get(row_key)
            if obj is None:
                obj = model(**values)
                if revised is not None:  # a new yearly target of an indicator with values, as on the screens
                    self._note_revisions(revised, obj, {f: (None, values[f]) for f in revised.fields if f in values})
                to_create.append(obj)
                self.summary.digest.update(repr((kind, "create", row_key)).encode())
                by_key[row_key] = obj
            else:
                values = {f: v for f, v in values.items() if f not in create_only}
                old = {f: getattr(obj, f) for f in values}
                changes = audit_changes(old=old, new=values)
                if changes:
                    if revised is not None:
                        self._note_revisions(revised, obj, {f: (old[f], values[f]) for f in changes})
                    for f in values:
                        setattr(obj, f, values[f])
                    update_fields.update(f for f in changes)
                    to_update.append(obj)
                    audits.append((obj, "update", changes))
                    self.summary.digest.update(repr((kind, "update", obj.pk, _digestible(changes))).encode())
                    if len(counts.changes) < EXAMPLES_PER_KIND:
                        counts.changes.append(
                            (str(obj), [(_field_label(model, f), old[f], values[f]) for f in changes])
                        )
                else:
                    counts.unchanged += 1
            result[row_key] = obj
        if to_create:
            model.objects.bulk_create(to_create, batch_size=500)
            audits.extend(
                (
                    obj,
                    "create",
                    audit_changes(
                        old={},
                        new={
                            f.attname: getattr(obj, f.attname)
                            for f in model._meta.concrete_fields
                            if f.attname != "id"
                            and not getattr(f, "auto_now", False)
                            and not getattr(f, "auto_now_add", False)
                        },
                    ),
                )
                for obj in to_create
            )
        if to_update:
            model.objects.bulk_update(to_update, sorted(update_fields), batch_size=500)
        counts.created += len(to_create)
        counts.updated += len({id(o) for o in to_update})
        self.last_updated = to_update
        audit_record_many(actor=self.actor, entries=audits, reason=self.audit_reason)
        return result

    def _note_revisions(self, revised: _Revised, obj: Any, changes: dict[str, tuple[Any, Any]]) -> None:
        needing = needs_reason(changed=changes, revised_fields=revised.fields, has_values=revised.has_values(obj))
        if not needing:
            return
        target = revised.target(obj)
        self.summary.revisions.extend(
            PendingRevision(revised.sheet, target.code, target.year, name, *changes[name], target=target)
            for name in needing
        )


def _import_budget_records(up: "_Upserter", *, admin: Administration, rows: list[tuple[Any, dict]], actor: Any) -> None:
    """Write a budget sheet's eklenen and düşülen as dated transfers and its harcama as December spending.

    The sheet's `added`, `deducted` and `spent` are the line's year totals (what the workbook export
    writes). The part not already recorded by the forms (transfers entered on the budget pages,
    spending of months 1–11) becomes one record dated the last day of the year: one imported ekleme,
    one imported düşme, the spending of month 12. So exporting and importing again changes nothing,
    and a total below what the forms recorded is refused with the row named.
    """
    line_ids = [line.pk for line, _ in rows]
    entered = BudgetTransfer.objects.filter(imported=False)
    form_added = dict(
        entered.filter(to_line__in=line_ids).values("to_line").annotate(s=Sum("amount")).values_list("to_line", "s")
    )
    form_deducted = dict(
        entered.filter(from_line__in=line_ids)
        .values("from_line")
        .annotate(s=Sum("amount"))
        .values_list("from_line", "s")
    )
    earlier_months = dict(
        BudgetSpending.objects.filter(line__in=line_ids, month__lt=12)
        .values("line")
        .annotate(s=Sum("amount"))
        .values_list("line", "s")
    )
    errors: list[RowError] = []

    def rest(line: Any, r: dict, column: str, recorded: dict, what: str) -> Decimal:
        already = recorded.get(line.pk) or Decimal(0)
        if r[column] < already:
            errors.append(
                RowError(
                    "budget_lines",
                    r.get("_row"),
                    column,
                    _("%(what)s (%(amount)s) bu satır için formlarla girilmiş tutardan (%(already)s) az olamaz.")
                    % {"what": what, "amount": r[column], "already": already},
                )
            )
        return r[column] - already

    remaining = [
        (
            line,
            r,
            rest(line, r, "added", form_added, _("Eklenen")),
            rest(line, r, "deducted", form_deducted, _("Düşülen")),
            rest(line, r, "spent", earlier_months, _("Harcama (Ocak–Kasım harcamalarıyla)")),
        )
        for line, r in rows
    ]
    if errors:
        raise DatasetError(errors)

    def transfer_rows(kind: str, index: int, line_field: str, reason: str) -> list[dict]:
        return [
            {
                "administration_id": admin.pk,
                "year": r["year"],
                "kind": kind,
                "date": datetime.date(r["year"], 12, 31),
                "amount": amounts[index],
                line_field: line.pk,
                "reason": reason,
                "imported": True,
            }
            for line, r, *amounts in remaining
            if amounts[index] > 0
        ]

    # The transfers' reason is stored data compared at every import: always in the source language, so
    # importing the same workbook again in another language changes nothing.
    with translation.override(settings.LANGUAGE_CODE):
        reasons = (
            _("İçe aktarma: yıl içinde eklenen ödenek toplamı (tarihleri veri setinde yok)"),
            _("İçe aktarma: yıl içinde düşülen ödenek toplamı (tarihleri veri setinde yok)"),
        )
    imported = BudgetTransfer.objects.filter(administration=admin, imported=True)
    for kind, index, line_field in (
        (TransferKind.ADDITION, 0, "to_line_id"),
        (TransferKind.DEDUCTION, 1, "from_line_id"),
    ):
        kept = transfer_rows(kind, index, line_field, reasons[index])
        up.run(_("ödenek işlemi"), BudgetTransfer, existing=imported.filter(kind=kind), key=(line_field,), rows=kept)
        zero = [line.pk for line, r, *amounts in remaining if amounts[index] == 0]
        _delete_audited(up, imported.filter(kind=kind, **{f"{line_field}__in": zero}), label=_("ödenek işlemi"))
    spending = BudgetSpending.objects.filter(line__administration=admin)
    up.run(
        _("aylık harcama"),
        BudgetSpending,
        existing=spending,
        key=("line_id", "month"),
        rows=[
            {"line_id": line.pk, "month": 12, "amount": december, "imported": True}
            for line, r, _, _, december in remaining
            if december > 0
        ],
    )
    no_december = [line.pk for line, r, _, _, december in remaining if december == 0]
    _delete_audited(up, spending.filter(imported=True, month=12, line_id__in=no_december), label=_("aylık harcama"))
    budget_lines_refresh_totals(line_ids=line_ids)


def _delete_audited(up: "_Upserter", queryset: Any, *, label: str) -> None:
    doomed = list(queryset)
    if not doomed:
        return
    audit_record_many(
        actor=up.actor,
        entries=[(obj, "delete", {"amount": [str(obj.amount), None]}) for obj in doomed],
        reason=up.audit_reason,
    )
    for obj in doomed:
        up.summary.digest.update(repr((queryset.model._meta.label, "delete", obj.pk)).encode())
    queryset.model.objects.filter(pk__in=[obj.pk for obj in doomed]).delete()
    up.summary.counts.setdefault(label, Counts()).updated += len(doomed)


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


@dataclass(frozen=True)
class Refusal:
    """A quarterly value the data set would change in a locked quarter."""

    unit_id: int
    year: int
    quarter: int
    lock: str
    attempted: dict[str, Any]


class LockedQuartersError(DatasetError):
    """The data set changes figures of locked quarters; `refusals` says which. Nothing was written."""

    def __init__(self, errors: list[RowError], refusals: list[Refusal]) -> None:
        super().__init__(errors)
        self.refusals = refusals


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
    except LockedQuartersError as exc:
        _refusals_record(exc, actor=actor)
        raise


def _refusals_record(error: LockedQuartersError, *, actor: Any) -> None:
    """Record each refused row in its form's history (outside the rolled-back import)."""
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
    up = _Upserter(actor=actor, summary=summary, reason=reason)

    admin_rows = dataset.sheet("administration")
    if len(admin_rows) != 1:
        raise DatasetError([RowError("administration", None, None, _("Tam olarak bir idare satırı olmalı."))])
    locked = locked_quarter_rows(dataset=dataset, administration_code=admin_rows[0]["code"])
    if locked:
        raise LockedQuartersError(
            [row.error for row in locked],
            [
                Refusal(row.unit_id, row.year, row.quarter, lock=row.lock, attempted=row.attempted)
                for row in locked
                if row.unit_id is not None
            ],
        )
    admin = up.run(
        _("idare"),
        Administration,
        existing=Administration.objects.filter(code=admin_rows[0]["code"]),
        key=("code",),
        rows=[{"code": admin_rows[0]["code"], "name": admin_rows[0]["name"]}],
    )[(admin_rows[0]["code"],)]
    summary.administration_id = admin.pk
    # Which indicators have values is decided before the import writes any (values that arrive
    # with the same workbook are not there yet when its plan figures are set).
    sp_with_values = sp_indicators_with_values(
        SPIndicator.objects.filter(target__aim__plan__administration=admin).values_list("pk", flat=True)
    )
    pp_with_values = pp_indicators_with_values(
        PPIndicator.objects.filter(performance_program__administration=admin).values_list("pk", flat=True)
    )

    # Units, parents before children, so every parent link resolves to a saved unit.
    unit_rows = dataset.sheet("units")
    existing_units = list(Unit.objects.filter(administration=admin))
    unit_id = {u.code: u.pk for u in existing_units}
    pending = list(unit_rows)
    while pending:
        level = [r for r in pending if not r["parent_code"] or r["parent_code"] in unit_id]
        if not level:
            raise DatasetError(
                [RowError("units", r["_row"], "parent_code", _("Birim ağacında döngü var.")) for r in pending]
            )
        saved = up.run(
            _("birim"),
            Unit,
            existing=existing_units,
            key=("code",),
            rows=[
                {
                    "administration_id": admin.pk,
                    "code": r["code"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "parent_id": unit_id[r["parent_code"]] if r["parent_code"] else None,
                }
                for r in level
            ],
        )
        unit_id.update({code: obj.pk for (code,), obj in saved.items()})
        level_codes = {r["code"] for r in level}
        pending = [r for r in pending if r["code"] not in level_codes]

    aims: dict[str, Aim] = {}
    targets: dict[str, Target] = {}
    sp_indicators: dict[str, SPIndicator] = {}
    plan = None
    for plan_row in dataset.sheet("plan"):
        plan = up.run(
            _("stratejik plan"),
            StrategicPlan,
            existing=StrategicPlan.objects.filter(administration=admin),
            key=("code",),
            rows=[
                {
                    "administration_id": admin.pk,
                    "code": plan_row["code"],
                    "name": plan_row["name"],
                    "start_year": plan_row["start_year"],
                    "end_year": plan_row["end_year"],
                }
            ],
        )[(plan_row["code"],)]
    if plan is not None:
        aims = {
            k[0]: v
            for k, v in up.run(
                _("amaç"),
                Aim,
                existing=Aim.objects.filter(plan=plan),
                key=("code",),
                rows=[
                    {
                        "plan_id": plan.pk,
                        "code": r["code"],
                        "title": r["title"],
                        "short_title": r.get("short_title") or "",
                    }
                    for r in dataset.sheet("aims")
                ],
            ).items()
        }
        targets = {
            k[0]: v
            for k, v in up.run(
                _("hedef"),
                Target,
                existing=Target.objects.filter(aim__plan=plan),
                key=("code",),
                rows=[
                    {
                        "aim_id": aims[r["aim_code"]].pk,
                        "code": r["code"],
                        "title": r["title"],
                        "long_title": r.get("long_title") or "",
                        "responsible_unit_id": unit_id[r["responsible_unit_code"]],
                    }
                    for r in dataset.sheet("targets")
                ],
            ).items()
        }
        up.run(
            _("hedef yıllık metni"),
            TargetYear,
            existing=TargetYear.objects.filter(target__aim__plan=plan).select_related("target"),
            key=("target_id", "year"),
            rows=[
                {
                    "target_id": targets[r["target_code"]].pk,
                    "year": r["year"],
                    "deviation_reason": r["deviation_reason"],
                    "measures": r["measures"],
                }
                for r in dataset.sheet("target_yearly")
            ],
        )
        sp_indicators = {
            k[0]: v
            for k, v in up.run(
                _("SP göstergesi"),
                SPIndicator,
                existing=SPIndicator.objects.filter(target__aim__plan=plan),
                key=("code",),
                rows=[
                    {
                        "target_id": targets[r["target_code"]].pk,
                        "code": r["code"],
                        "name": r["name"],
                        "unit_of_measure": r["unit"],
                        "weight": r["weight"],
                        "baseline": r["baseline"],
                        "direction": r["direction"],
                        "is_cumulative": r["cumulative"],
                        "responsible_unit_id": unit_id[r["responsible_unit_code"]],
                    }
                    for r in dataset.sheet("sp_indicators")
                ],
                revised=_Revised(
                    sheet="sp_indicators",
                    fields=SP_REVISED,
                    has_values=lambda obj: obj.pk in sp_with_values,
                    target=lambda obj: RevisionTarget(
                        indicator=obj, administration_id=admin.pk, code=obj.code, year=None
                    ),
                ),
            ).items()
        }
        up.run(
            _("SP göstergesi yıllık değeri"),
            SPIndicatorYear,
            existing=SPIndicatorYear.objects.filter(indicator__target__aim__plan=plan).select_related("indicator"),
            key=("indicator_id", "year"),
            rows=[
                {
                    "indicator_id": sp_indicators[r["indicator_code"]].pk,
                    "year": r["year"],
                    "target_value": r["target"],
                    "actual_value": r["actual"],
                    **{k: r.get(k) or "" for k in ("relevance", "effectiveness", "efficiency", "sustainability")},
                }
                for r in dataset.sheet("sp_yearly")
            ],
            revised=_Revised(
                sheet="sp_yearly",
                fields=SP_YEARLY_REVISED,
                has_values=lambda obj: obj.indicator_id in sp_with_values,
                target=lambda obj: RevisionTarget(
                    indicator=obj.indicator, administration_id=admin.pk, code=obj.indicator.code, year=obj.year
                ),
            ),
        )

    # The performance programme of each year that the data set mentions.
    structure_rows = dataset.sheet("program_structure") + dataset.sheet("activities") + dataset.sheet("pp_indicators")
    years = sorted(
        {r["year"] for r in structure_rows} | {r["year"] for r in dataset.sheet("budget_lines") if r.get("activity")}
    )
    programmes = up.run(
        _("performans programı"),
        PerformanceProgram,
        existing=PerformanceProgram.objects.filter(administration=admin),
        key=("year",),
        rows=[
            {
                "administration_id": admin.pk,
                "year": year,
                "strategic_plan_id": plan.pk if plan and plan.start_year <= year <= plan.end_year else None,
            }
            for year in years
        ],
    )
    pp_id = {year: obj.pk for (year,), obj in programmes.items()}
    programme_year = {pk: year for year, pk in pp_id.items()}

    def ordered_unique(values: Iterable[tuple]) -> list[tuple]:
        return list(dict.fromkeys(values))

    budget_structure = [r for r in dataset.sheet("budget_lines") if r.get("activity")]
    program_keys = ordered_unique((r["year"], r["program"]) for r in structure_rows + budget_structure)
    programs = up.run(
        _("program"),
        Program,
        existing=Program.objects.filter(performance_program__administration=admin).select_related(
            "performance_program"
        ),
        create_only=("seq",),
        key=("performance_program_id", "name"),
        rows=[
            {"performance_program_id": pp_id[year], "name": name, "seq": seq}
            for seq, (year, name) in enumerate(program_keys, start=1)
        ],
    )
    sub_keys = ordered_unique((r["year"], r["program"], r["sub_program"]) for r in structure_rows + budget_structure)
    sub_programs = up.run(
        _("alt program"),
        SubProgram,
        existing=SubProgram.objects.filter(program__performance_program__administration=admin),
        create_only=("seq",),
        key=("program_id", "name"),
        rows=[
            {"program_id": programs[(pp_id[year], program)].pk, "name": name, "seq": seq}
            for seq, (year, program, name) in enumerate(sub_keys, start=1)
        ],
    )

    def sub_program_id(row: dict) -> int:
        return sub_programs[(programs[(pp_id[row["year"]], row["program"])].pk, row["sub_program"])].pk

    goal_rows = list(dataset.sheet("program_structure")) + [
        r for r in dataset.sheet("pp_indicators") if r.get("sub_program_goal")
    ]
    goal_keys = ordered_unique((sub_program_id(r), r["sub_program_goal"]) for r in goal_rows)
    aim_ids = {code: aim.pk for code, aim in aims.items()}
    goal_aim: dict[tuple[int, str], str | None] = {}
    for r in goal_rows:
        goal_aim.setdefault((sub_program_id(r), r["sub_program_goal"]), r.get("aim_code") or None)
    goals = up.run(
        _("alt program hedefi"),
        SubProgramGoal,
        existing=SubProgramGoal.objects.filter(sub_program__program__performance_program__administration=admin),
        create_only=("seq",),
        key=("sub_program_id", "text"),
        rows=[
            {
                "sub_program_id": sp,
                "text": text,
                "seq": seq,
                "aim_id": aim_ids.get(goal_aim[(sp, text)] or ""),
            }
            for seq, (sp, text) in enumerate(goal_keys, start=1)
        ],
    )
    activity_rows = dataset.sheet("activities") + budget_structure
    activity_keys = ordered_unique((sub_program_id(r), r["activity"]) for r in activity_rows)
    activities = up.run(
        _("faaliyet"),
        Activity,
        existing=Activity.objects.filter(sub_program__program__performance_program__administration=admin),
        create_only=("seq",),
        key=("sub_program_id", "name"),
        rows=[
            {"sub_program_id": sp, "name": name, "seq": seq} for seq, (sp, name) in enumerate(activity_keys, start=1)
        ],
    )

    sp_link = {
        r["pp_indicator_code"]: sp_indicators[r["code"]].pk
        for r in dataset.sheet("sp_indicators")
        if r["pp_indicator_code"]
    }
    pp_indicators = up.run(
        _("performans göstergesi"),
        PPIndicator,
        existing=PPIndicator.objects.filter(performance_program__administration=admin),
        key=("performance_program_id", "code"),
        rows=[
            {
                "performance_program_id": pp_id[r["year"]],
                "sub_program_id": sub_program_id(r),
                "goal_id": goals[(sub_program_id(r), r["sub_program_goal"])].pk if r.get("sub_program_goal") else None,
                "code": r["code"],
                "seq": r.get("seq") or 0,
                "name": r["name"],
                "unit_of_measure": r["unit"],
                "direction": r["direction"],
                "aggregation": r["aggregation"],
                "allows_negative": bool(r.get("allows_negative")),
                "prev_year": r["prev_year"],
                "prev_value": r["prev_value"],
                "target_value": r["target"],
                "responsible_unit_id": unit_id[r["responsible_unit_code"]],
                "sp_indicator_id": sp_link.get(r["code"]),
            }
            for r in dataset.sheet("pp_indicators")
        ],
        revised=_Revised(
            sheet="pp_indicators",
            fields=PP_REVISED,
            has_values=lambda obj: obj.pk in pp_with_values,
            target=lambda obj: RevisionTarget(
                indicator=obj,
                administration_id=admin.pk,
                code=obj.code,
                year=programme_year[obj.performance_program_id],
            ),
        ),
    )
    up.run(
        _("üç aylık değer"),
        QuarterlyValue,
        existing=QuarterlyValue.objects.filter(indicator__performance_program__administration=admin).select_related(
            "indicator"
        ),
        key=("indicator_id", "quarter"),
        rows=[
            {
                "indicator_id": pp_indicators[(pp_id[r["year"]], r["indicator_code"])].pk,
                "quarter": r["quarter"],
                "value": r["value"],
                "numerator": r["numerator"],
                "denominator": r["denominator"],
                "year_end_estimate": r["year_end_estimate"],
                "narrative": r["narrative"] or "",
            }
            for r in dataset.sheet("quarterly_values")
        ],
    )
    # A form opened before the import must not save over it: the form's row version moves on.
    if up.last_updated:
        QuarterlyValue.objects.filter(pk__in=[v.pk for v in up.last_updated]).update(version=F("version") + 1)

    econ_names = {r["code"]: r["name"] for r in dataset.sheet("economic_codes")}
    economic_codes = up.run(
        _("ekonomik kod"),
        EconomicCode,
        existing=EconomicCode.objects.filter(code__in=econ_names),
        key=("code",),
        rows=[{"code": code, "name": name} for code, name in econ_names.items()],
    )
    budget_rows = dataset.sheet("budget_lines")

    def line_key(r: dict) -> tuple:
        return (
            r["year"],
            economic_codes[(r["econ_code"],)].pk,
            activities[(sub_program_id(r), r["activity"])].pk if r.get("activity") else None,
            unit_id[r["unit_code"]] if r.get("unit_code") else None,
        )

    # Only the KBÖ is typed on a line; its eklenen, düşülen and harcama become dated records below
    # (see imports/demo_data/README.md) and the line's sums are derived from them.
    budget_lines = up.run(
        _("bütçe satırı"),
        BudgetLine,
        existing=BudgetLine.objects.filter(administration=admin),
        key=("year", "economic_code_id", "activity_id", "unit_id"),
        rows=[
            {
                "administration_id": admin.pk,
                "year": r["year"],
                "economic_code_id": economic_codes[(r["econ_code"],)].pk,
                "activity_id": activities[(sub_program_id(r), r["activity"])].pk if r.get("activity") else None,
                "unit_id": unit_id[r["unit_code"]] if r.get("unit_code") else None,
                "initial_appropriation": r["kbo"],
            }
            for r in budget_rows
        ],
    )
    _import_budget_records(up, admin=admin, rows=[(budget_lines[line_key(r)], r) for r in budget_rows], actor=actor)

    if dataset.sheet("printed"):
        up.run(
            _("basılı rapor değeri"),
            PrintedFigure,
            existing=PrintedFigure.objects.filter(administration=admin),
            key=("year", "table", "row_key", "column"),
            rows=[
                {
                    "administration_id": admin.pk,
                    "year": r["year"],
                    "table": r["table"],
                    "row_key": r["row_key"],
                    "column": r["column"],
                    "value": r["value"],
                }
                for r in dataset.sheet("printed")
            ],
        )
    if summary.revisions:
        if reason:
            _record_revisions(summary.revisions, reason=reason, actor=actor)
        elif require_reason:
            raise RevisionReasonRequired(summary.revisions)
    if recompute and summary.changed:
        request_recompute(administration_id=admin.pk, year=None)
    return summary


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
    those of the real import (and nothing, audit entries and recompute requests included, remains).
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
    except LockedQuartersError as exc:
        # The refusals recorded inside were undone with the rest: record them for good here.
        _refusals_record(exc, actor=actor)
        raise
    return summary
