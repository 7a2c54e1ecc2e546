"""Budget writes: lines, transfers and monthly spending, and the stored aggregates of the tables.

Every change locks the line(s) it touches, checks the version the user loaded (optimistic lock),
checks the rules of budget.calculations, writes, re-derives the lines' additions, deductions and
spending from their records with one UPDATE (the database check constraints guard the result),
writes an audit entry and asks for the recompute once the transaction commits.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Administration, Unit
from budget.calculations import (
    BudgetFigures,
    change_percent,
    deduction_refusal,
    initial_refusal,
    percent,
    spending_refusal,
)
from budget.catalogue import NATIONAL_NAMES, economic_ancestors, economic_parent
from budget.choices import MONTHS, PATH_SEPARATOR, TransferKind
from budget.models import BudgetAggregate, BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from budget.selectors import budget_years
from core.audit import audit_record
from core.exceptions import ApplicationError, ConcurrentEditError
from indicators.recompute_requests import request_recompute
from plans import locks
from plans.models import Activity

Level = BudgetAggregate.Level


def _keys(line: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """Yield (level, key, parent key) for every aggregate a line belongs to.

    A line entered below level I of the economic classification (03.2) counts in its level-I code
    (03), which Tablo 7–13 show, and in every code between as detail (parent: the code one level up).
    """
    yield Level.TOTAL, "", ""
    first, *details = economic_ancestors(line["economic_code__code"])
    yield Level.ECONOMIC, first, ""
    for code in details:
        yield Level.ECONOMIC_DETAIL, code, economic_parent(code)
    program = line["activity__sub_program__program__name"]
    if program:
        sub_program = f"{program}{PATH_SEPARATOR}{line['activity__sub_program__name']}"
        yield Level.PROGRAM, program, ""
        yield Level.SUB_PROGRAM, sub_program, program
        yield Level.ACTIVITY, f"{sub_program}{PATH_SEPARATOR}{line['activity__name']}", sub_program
    if line["unit__code"]:
        yield Level.UNIT, line["unit__code"], ""


def _figures_by_key(lines: Iterable[dict[str, Any]]) -> dict[tuple[str, str], tuple[str, BudgetFigures]]:
    sums: dict[tuple[str, str], tuple[str, BudgetFigures]] = {}
    for line in lines:
        figures = BudgetFigures(
            initial=line["initial_appropriation"],
            additions=line["additions"],
            deductions=line["deductions"],
            spending=line["spending"],
        )
        for level, key, parent in _keys(line):
            _, so_far = sums.get((level, key), (parent, BudgetFigures()))
            sums[(level, key)] = (parent, so_far + figures)
    return sums


def budget_aggregates_refresh(*, administration_id: int, year: int | None = None) -> int:
    """Recompute the aggregates a change of `year` concerns (every budget year when None); return rows written.

    The engine's jobs and the recompute command run it after every whole recompute (indicators.followers).
    """
    years = budget_years(administration_id=administration_id, year=year)
    return sum(budget_aggregates_recompute(administration_id=administration_id, year=y) for y in years)


@transaction.atomic
def budget_aggregates_recompute(*, administration_id: int, year: int) -> int:
    """Recompute the year's stored budget aggregates from its lines; return how many were written.

    Three statements whatever the number of lines: one read (the year and the previous one, for the
    year-on-year change), one delete and one insert.
    """
    now = timezone.now()
    lines = BudgetLine.objects.filter(administration_id=administration_id, year__in=[year - 1, year]).values(
        "year",
        "economic_code__code",
        "activity__name",
        "activity__sub_program__name",
        "activity__sub_program__program__name",
        "unit__code",
        "initial_appropriation",
        "additions",
        "deductions",
        "spending",
    )
    by_year: dict[int, list[Any]] = defaultdict(list)
    for line in lines:
        by_year[line["year"]].append(line)
    current = _figures_by_key(by_year[year])
    previous = _figures_by_key(by_year[year - 1])
    level_initial: dict[str, Any] = defaultdict(int)
    for (level, _), (_, figures) in current.items():
        level_initial[level] += figures.initial
    # Details nest (03.2 and 03.2.1) and do not cover every line: their share is of the whole KBÖ.
    level_initial[Level.ECONOMIC_DETAIL] = level_initial[Level.TOTAL]
    rows = []
    for (level, key), (parent, figures) in sorted(current.items()):
        before = previous.get((level, key))
        previous_initial = before[1].initial if before else None
        rows.append(
            BudgetAggregate(
                administration_id=administration_id,
                year=year,
                level=level,
                key=key,
                parent_key=parent,
                initial_appropriation=figures.initial,
                additions=figures.additions,
                deductions=figures.deductions,
                spending=figures.spending,
                realization_pct=figures.realization_pct,
                spent_to_initial_pct=figures.spent_to_initial_pct,
                share_of_initial_pct=percent(figures.initial, level_initial[level]),
                previous_initial=previous_initial,
                initial_change_pct=None
                if previous_initial is None
                else change_percent(previous_initial, figures.initial),
                computed_at=now,
            )
        )
    BudgetAggregate.objects.filter(administration_id=administration_id, year=year).delete()
    BudgetAggregate.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _sum_of(queryset, field: str) -> Coalesce:
    money = DecimalField(max_digits=18, decimal_places=2)
    return Coalesce(
        Subquery(queryset.values(field).annotate(s=Sum("amount")).values("s")[:1], output_field=money),
        Value(Decimal(0)),
        output_field=money,
    )


def budget_lines_refresh_totals(*, line_ids: Iterable[int]) -> int:
    """Re-derive the lines' additions, deductions and spending from their records; one UPDATE."""
    return BudgetLine.objects.filter(pk__in=list(line_ids)).update(
        additions=_sum_of(BudgetTransfer.objects.filter(to_line=OuterRef("pk")), "to_line"),
        deductions=_sum_of(BudgetTransfer.objects.filter(from_line=OuterRef("pk")), "from_line"),
        spending=_sum_of(BudgetSpending.objects.filter(line=OuterRef("pk")), "line"),
    )


def _locked(line_ids: Iterable[int]) -> dict[int, BudgetLine]:
    """Lock the lines (in id order, so two concurrent changes cannot deadlock) and return them."""
    lines = BudgetLine.objects.select_for_update(of=("self",)).filter(pk__in=sorted(set(line_ids))).order_by("pk")
    return {line.pk: line for line in lines.select_related("economic_code", "activity", "unit")}


def _check_version(line: BudgetLine, expected_version: int) -> None:
    if line.version != expected_version:
        raise ConcurrentEditError(
            gettext(
                "Bu bütçe satırı siz sayfayı açtıktan sonra başka biri tarafından değiştirildi; "
                "hiçbir şey kaydedilmedi. Sayfayı yenileyip güncel tutarlarla yeniden deneyin."
            )
        )


def _bump(lines: Iterable[BudgetLine]) -> None:
    ids = [line.pk for line in lines]
    budget_lines_refresh_totals(line_ids=ids)
    for line in lines:
        line.version += 1
    BudgetLine.objects.bulk_update(list(lines), ["version"])


def _line_state(line: BudgetLine) -> dict[str, str]:
    return {
        "initial_appropriation": str(line.initial_appropriation),
        "additions": str(line.additions),
        "deductions": str(line.deductions),
        "spending": str(line.spending),
    }


@locks.records_closed_year_refusal("budget")
@transaction.atomic
def budget_line_create(
    *,
    administration: Administration,
    year: int,
    economic_code: EconomicCode,
    activity: Activity | None,
    unit: Unit | None,
    initial_appropriation: Decimal,
    actor: Any,
) -> BudgetLine:
    """Create a budget line with its KBÖ; additions, deductions and spending start at 0."""
    if initial_appropriation < 0:
        raise ApplicationError(gettext("Başlangıç ödeneği eksi olamaz."))
    if unit is not None and unit.administration_id != administration.pk:
        raise ApplicationError(gettext("Harcama birimi bu idareye ait değil."))
    locks.year_refuse_if_closed(
        administration_id=administration.pk,
        year=year,
        attempted={f"{economic_code.code}.initial_appropriation": initial_appropriation},
    )
    exists = BudgetLine.objects.filter(
        administration=administration, year=year, economic_code=economic_code, activity=activity, unit=unit
    ).exists()
    if exists:
        raise ApplicationError(
            gettext("Bu yıl, ekonomik kod, faaliyet ve birim için zaten bir bütçe satırı var; onu düzenleyin.")
        )
    line = BudgetLine.objects.create(
        administration=administration,
        year=year,
        economic_code=economic_code,
        activity=activity,
        unit=unit,
        initial_appropriation=initial_appropriation,
    )
    audit_record(
        actor=actor, obj=line, action="create", changes={"initial_appropriation": [None, str(initial_appropriation)]}
    )
    request_recompute(administration_id=administration.pk, year=year)
    return line


@locks.records_closed_year_refusal("budget")
@transaction.atomic
def budget_line_update(
    *, line: BudgetLine, initial_appropriation: Decimal, expected_version: int, actor: Any
) -> BudgetLine:
    """Change a line's KBÖ; refused when the transfers and spending would no longer fit."""
    line = _locked([line.pk])[line.pk]
    locks.year_refuse_if_closed(
        administration_id=line.administration_id,
        year=line.year,
        attempted={f"{line.economic_code.code}.initial_appropriation": initial_appropriation},
    )
    _check_version(line, expected_version)
    refusal = initial_refusal(line.figures, initial_appropriation)
    if refusal:
        raise ApplicationError(refusal)
    old = str(line.initial_appropriation)
    line.initial_appropriation = initial_appropriation
    line.version += 1
    line.save(update_fields=["initial_appropriation", "version", "updated_at"])
    audit_record(
        actor=actor, obj=line, action="update", changes={"initial_appropriation": [old, str(initial_appropriation)]}
    )
    request_recompute(administration_id=line.administration_id, year=line.year)
    return line


@locks.records_closed_year_refusal("budget")
@transaction.atomic
def budget_transfer_create(
    *,
    kind: str,
    date: datetime.date,
    amount: Decimal,
    reason: str,
    from_line: BudgetLine | None,
    to_line: BudgetLine | None,
    expected_versions: dict[int, int],
    actor: Any,
) -> BudgetTransfer:
    """Record an ekleme, düşme or aktarma; refused with nothing written when it does not fit.

    `expected_versions` maps the id of every line the user saw to the version they saw.
    """
    if kind not in TransferKind.values:
        raise ApplicationError(gettext("Geçersiz işlem türü."))
    needs_from = kind in (TransferKind.DEDUCTION, TransferKind.TRANSFER)
    needs_to = kind in (TransferKind.ADDITION, TransferKind.TRANSFER)
    if needs_from != (from_line is not None) or needs_to != (to_line is not None):
        raise ApplicationError(
            gettext("Ekleme bir satıra, düşme bir satırdan, aktarma bir satırdan başka bir satıra yapılır.")
        )
    if from_line is not None and to_line is not None and from_line.pk == to_line.pk:
        raise ApplicationError(gettext("Aktarma aynı satıra yapılamaz."))
    if amount <= 0:
        raise ApplicationError(gettext("Tutar sıfırdan büyük olmalı."))
    if not reason.strip():
        raise ApplicationError(gettext("Gerekçe yazılmalı."))
    involved = [line for line in (from_line, to_line) if line is not None]
    lines = _locked(line.pk for line in involved)
    for line in lines.values():
        locks.year_refuse_if_closed(
            administration_id=line.administration_id,
            year=line.year,
            attempted={"kind": kind, "amount": amount, "date": date.isoformat()},
        )
    for line_id, version in expected_versions.items():
        if line_id in lines:
            _check_version(lines[line_id], version)
    first = lines[involved[0].pk]
    if any(line.year != first.year or line.administration_id != first.administration_id for line in lines.values()):
        raise ApplicationError(gettext("Aktarma yalnızca aynı idarenin aynı yılına ait satırlar arasında yapılır."))
    if date.year != first.year:
        raise ApplicationError(gettext("İşlem tarihi bütçe yılı içinde olmalı (%(year)s).") % {"year": first.year})
    source = lines[from_line.pk] if from_line is not None else None
    if source is not None:
        refusal = deduction_refusal(source.figures, amount)
        if refusal:
            raise ApplicationError(refusal)
    transfer = BudgetTransfer.objects.create(
        administration_id=first.administration_id,
        year=first.year,
        kind=kind,
        date=date,
        amount=amount,
        reason=reason.strip(),
        from_line=source,
        to_line=lines[to_line.pk] if to_line is not None else None,
        entered_by=actor if getattr(actor, "pk", None) else None,
    )
    before = {pk: _line_state(line) for pk, line in lines.items()}
    _bump(list(lines.values()))
    audit_record(
        actor=actor,
        obj=transfer,
        action="create",
        changes={"kind": [None, kind], "amount": [None, str(amount)], "date": [None, date.isoformat()]},
        reason=reason.strip(),
    )
    for line in BudgetLine.objects.filter(pk__in=lines).select_related("economic_code", "activity", "unit"):
        after = _line_state(line)
        audit_record(
            actor=actor,
            obj=line,
            action="update",
            changes={k: [before[line.pk][k], v] for k, v in after.items() if before[line.pk][k] != v},
            reason=reason.strip(),
        )
    request_recompute(administration_id=first.administration_id, year=first.year)
    return transfer


@locks.records_closed_year_refusal("budget")
@transaction.atomic
def budget_spending_set(
    *, line: BudgetLine, month: int, amount: Decimal, expected_version: int, actor: Any
) -> BudgetSpending:
    """Set a line's spending of one month; refused when the year's spending would exceed the total."""
    if month not in MONTHS:
        raise ApplicationError(gettext("Ay 1 ile 12 arasında olmalı."))
    line = _locked([line.pk])[line.pk]
    locks.year_refuse_if_closed(
        administration_id=line.administration_id,
        year=line.year,
        attempted={f"{line.economic_code.code}.spending_month_{month:02d}": amount},
    )
    _check_version(line, expected_version)
    record = BudgetSpending.objects.filter(line=line, month=month).first()
    old_amount = record.amount if record else Decimal(0)
    refusal = spending_refusal(line.figures, line.spending - old_amount + amount)
    if refusal:
        raise ApplicationError(refusal)
    entered_by = actor if getattr(actor, "pk", None) else None
    if record is None:
        record = BudgetSpending.objects.create(line=line, month=month, amount=amount, entered_by=entered_by)
    else:
        record.amount, record.entered_by, record.updated_at = amount, entered_by, timezone.now()
        record.save(update_fields=["amount", "entered_by", "updated_at"])
    _bump([line])
    audit_record(
        actor=actor,
        obj=line,
        action="update",
        changes={f"spending_month_{month:02d}": [str(old_amount), str(amount)]},
    )
    request_recompute(administration_id=line.administration_id, year=line.year)
    return record


def budget_year_end_records_create(*, lines: Iterable[BudgetLine], reason: str) -> int:
    """Back lines created with their year's totals by records: one ekleme and one düşme dated
    31 December and the December spending, all marked imported; return how many were written.

    For generated data (benchmarks.synthetic), whose lines carry totals without dates.
    """
    transfers, months = [], []
    for line in lines:
        end = datetime.date(line.year, 12, 31)
        common = {
            "administration_id": line.administration_id, "year": line.year, "date": end, "reason": reason,
            "imported": True,
        }  # fmt: skip
        if line.additions:
            transfers.append(BudgetTransfer(kind=TransferKind.ADDITION, amount=line.additions, to_line=line, **common))
        if line.deductions:
            transfers.append(
                BudgetTransfer(kind=TransferKind.DEDUCTION, amount=line.deductions, from_line=line, **common)
            )
        if line.spending:
            months.append(BudgetSpending(line=line, month=12, amount=line.spending, imported=True))
    BudgetTransfer.objects.bulk_create(transfers, batch_size=1000)
    BudgetSpending.objects.bulk_create(months, batch_size=1000)
    return len(transfers) + len(months)


def national_economic_code_ids(codes: Iterable[str]) -> dict[str, int]:
    """Return the catalogue row id of each national economic code, writing any row the database lacks.

    Migration budget/0004 writes the national classification; a database emptied since (a flushed
    test database, `manage.py flush`) still names every code, because the catalogue is the code's
    (budget.catalogue), not the database's. Only national codes are written, with their parents.
    """
    codes = set(codes)
    wanted = {ancestor for code in codes for ancestor in economic_ancestors(code) if ancestor in NATIONAL_NAMES}
    ids = dict(EconomicCode.objects.filter(code__in=wanted).values_list("code", "pk"))
    for code in sorted(wanted - set(ids), key=lambda c: (c.count("."), c)):
        parent = economic_parent(code)
        row, _created = EconomicCode.objects.get_or_create(
            code=code, defaults={"name": NATIONAL_NAMES[code], "parent_id": ids.get(parent)}
        )
        ids[code] = row.pk
    return {code: ids[code] for code in codes if code in ids}
