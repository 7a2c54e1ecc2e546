"""Write a validated data set into the database: one transaction, keyed on codes, idempotent."""

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import F, Sum

from accounts.models import Administration, Unit
from budget.choices import TransferKind
from budget.models import BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from budget.services import budget_lines_refresh_totals
from core.audit import audit_changes, audit_record_many
from imports.dataset import Dataset, DatasetError, RowError
from imports.selectors import locked_quarter_errors
from indicators.models import PPIndicator, QuarterlyValue
from indicators.tasks import request_recompute
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
from reports.models import PrintedFigure

# How many changed records per kind the preview names (the counts are always complete).
EXAMPLES_PER_KIND = 20


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # A few of the changed records with (field label, old, new) of each changed field, for the preview.
    changes: list[tuple[str, list[tuple[str, Any, Any]]]] = field(default_factory=list)


@dataclass
class ImportSummary:
    """What an import created, changed and left alone, per kind of record."""

    administration_id: int | None = None
    counts: dict[str, Counts] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)
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


class _Upserter:
    """Create or update rows of one model keyed on natural keys, with set-based writes and audit."""

    def __init__(self, *, actor: Any, summary: ImportSummary) -> None:
        self.actor = actor
        self.summary = summary
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
    ) -> dict[tuple, Any]:
        """Return {key: instance} for every row, after writing only what differs.

        `create_only` fields are set on new records and left alone on existing ones (a sequence
        number the workbook has no column for must not renumber what people ordered elsewhere).
        """
        by_key = {tuple(getattr(obj, k) for k in key): obj for obj in existing}
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
                to_create.append(obj)
                self.summary.digest.update(repr((label, "create", row_key)).encode())
                by_key[row_key] = obj
            else:
                values = {f: v for f, v in values.items() if f not in create_only}
                old = {f: getattr(obj, f) for f in values}
                changes = audit_changes(old=old, new=values)
                if changes:
                    for f in values:
                        setattr(obj, f, values[f])
                    update_fields.update(f for f in changes)
                    to_update.append(obj)
                    audits.append((obj, "update", changes))
                    self.summary.digest.update(repr((label, "update", obj.pk, _digestible(changes))).encode())
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
        audit_record_many(actor=self.actor, entries=audits, reason="İçe aktarma")
        return result


def _import_budget_records(up: "_Upserter", *, admin: Administration, rows: list[tuple[Any, dict]], actor: Any) -> None:
    """Write a budget sheet's eklenen and düşülen as dated transfers and its harcama as December spending.

    The sheet's `added`, `deducted` and `spent` are the line's year totals (what the workbook export
    writes). The part not already recorded by the forms (transfers entered on the budget pages,
    spending of months 1–11) becomes one record dated the last day of the year: one imported ekleme,
    one imported düşme, the spending of month 12. So exporting and importing again changes nothing,
    and a total below what the forms recorded is refused with the row named.
    """
    reason = "İçe aktarma: yıl içinde {what} toplamı (tarihleri veri setinde yok)"
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
                    f"{what} ({r[column]}) bu satır için formlarla girilmiş tutardan ({already}) az olamaz.",
                )
            )
        return r[column] - already

    remaining = [
        (
            line,
            r,
            rest(line, r, "added", form_added, "Eklenen"),
            rest(line, r, "deducted", form_deducted, "Düşülen"),
            rest(line, r, "spent", earlier_months, "Harcama (Ocak–Kasım harcamalarıyla)"),
        )
        for line, r in rows
    ]
    if errors:
        raise DatasetError(errors)

    def transfer_rows(kind: str, index: int, line_field: str, what: str) -> list[dict]:
        return [
            {
                "administration_id": admin.pk,
                "year": r["year"],
                "kind": kind,
                "date": datetime.date(r["year"], 12, 31),
                "amount": amounts[index],
                line_field: line.pk,
                "reason": reason.format(what=what),
                "imported": True,
            }
            for line, r, *amounts in remaining
            if amounts[index] > 0
        ]

    imported = BudgetTransfer.objects.filter(administration=admin, imported=True)
    for kind, index, line_field, what in (
        (TransferKind.ADDITION, 0, "to_line_id", "eklenen ödenek"),
        (TransferKind.DEDUCTION, 1, "from_line_id", "düşülen ödenek"),
    ):
        kept = transfer_rows(kind, index, line_field, what)
        up.run("ödenek işlemi", BudgetTransfer, existing=imported.filter(kind=kind), key=(line_field,), rows=kept)
        zero = [line.pk for line, r, *amounts in remaining if amounts[index] == 0]
        _delete_audited(up, imported.filter(kind=kind, **{f"{line_field}__in": zero}), label="ödenek işlemi")
    spending = BudgetSpending.objects.filter(line__administration=admin)
    up.run(
        "aylık harcama",
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
    _delete_audited(up, spending.filter(imported=True, month=12, line_id__in=no_december), label="aylık harcama")
    budget_lines_refresh_totals(line_ids=line_ids)


def _delete_audited(up: "_Upserter", queryset: Any, *, label: str) -> None:
    doomed = list(queryset)
    if not doomed:
        return
    audit_record_many(
        actor=up.actor,
        entries=[(obj, "delete", {"amount": [str(obj.amount), None]}) for obj in doomed],
        reason="İçe aktarma",
    )
    for obj in doomed:
        up.summary.digest.update(repr((label, "delete", obj.pk)).encode())
    queryset.model.objects.filter(pk__in=[obj.pk for obj in doomed]).delete()
    up.summary.counts.setdefault(label, Counts()).updated += len(doomed)


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


@transaction.atomic
def dataset_import(*, dataset: Dataset, actor: Any = None, recompute: bool = True) -> ImportSummary:
    """Create or update everything the data set describes; all or nothing.

    Records are matched on their codes (and years), so importing the same data set twice changes
    nothing, and a changed cell updates its record in place with an audit entry. When something
    changed, the results are recomputed once the import commits (unless `recompute` is False: the
    caller then computes them itself).
    """
    summary = ImportSummary(warnings=list(dataset.warnings))
    up = _Upserter(actor=actor, summary=summary)

    admin_rows = dataset.sheet("administration")
    if len(admin_rows) != 1:
        raise DatasetError([RowError("administration", None, None, "Tam olarak bir idare satırı olmalı.")])
    locked = locked_quarter_errors(dataset=dataset, administration_code=admin_rows[0]["code"])
    if locked:
        raise DatasetError(locked)
    admin = up.run(
        "idare",
        Administration,
        existing=Administration.objects.filter(code=admin_rows[0]["code"]),
        key=("code",),
        rows=[{"code": admin_rows[0]["code"], "name": admin_rows[0]["name"]}],
    )[(admin_rows[0]["code"],)]
    summary.administration_id = admin.pk

    # Units, parents before children, so every parent link resolves to a saved unit.
    unit_rows = dataset.sheet("units")
    existing_units = list(Unit.objects.filter(administration=admin))
    unit_id = {u.code: u.pk for u in existing_units}
    pending = list(unit_rows)
    while pending:
        level = [r for r in pending if not r["parent_code"] or r["parent_code"] in unit_id]
        if not level:
            raise DatasetError(
                [RowError("units", r["_row"], "parent_code", "Birim ağacında döngü var.") for r in pending]
            )
        saved = up.run(
            "birim",
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
            "stratejik plan",
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
                "amaç",
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
                "hedef",
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
            "hedef yıllık metni",
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
                "SP göstergesi",
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
            ).items()
        }
        up.run(
            "SP göstergesi yıllık değeri",
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
        )

    # The performance programme of each year that the data set mentions.
    structure_rows = dataset.sheet("program_structure") + dataset.sheet("activities") + dataset.sheet("pp_indicators")
    years = sorted(
        {r["year"] for r in structure_rows} | {r["year"] for r in dataset.sheet("budget_lines") if r.get("activity")}
    )
    programmes = up.run(
        "performans programı",
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

    def ordered_unique(values: Iterable[tuple]) -> list[tuple]:
        return list(dict.fromkeys(values))

    budget_structure = [r for r in dataset.sheet("budget_lines") if r.get("activity")]
    program_keys = ordered_unique((r["year"], r["program"]) for r in structure_rows + budget_structure)
    programs = up.run(
        "program",
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
        "alt program",
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
        "alt program hedefi",
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
        "faaliyet",
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
        "performans göstergesi",
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
    )
    up.run(
        "üç aylık değer",
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
        "ekonomik kod",
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
        "bütçe satırı",
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
            "basılı rapor değeri",
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
                    f"Çalışma kitabı başka bir idareye ait (“{rows[0]['code']}”); yalnızca "
                    f"“{administration.code}” idaresinin verisi yüklenebilir.",
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
) -> ImportSummary:
    """Import a workbook's data set into the administration; with `dry_run`, only say what would change.

    The dry run runs the very same import and rolls it back, so its counts and warnings are exactly
    those of the real import (and nothing, audit entries and recompute requests included, remains).
    With `expected_fingerprint` (the preview's), the import is undone and refused when it would
    change anything else than the preview showed: someone changed the data in between.
    """
    dataset = _with_administration(dataset=dataset, administration=administration)
    with transaction.atomic():
        summary = dataset_import(dataset=dataset, actor=actor)
        if dry_run:
            transaction.set_rollback(True)
        elif expected_fingerprint is not None and summary.fingerprint != expected_fingerprint:
            raise DatasetError(
                [
                    RowError(
                        "çalışma kitabı",
                        None,
                        None,
                        "Veriler önizlemeden sonra değişti; hiçbir şey yazılmadı. Çalışma kitabını yeniden "
                        "yükleyip yeni önizlemeyi inceleyin.",
                    )
                ]
            )
    return summary
