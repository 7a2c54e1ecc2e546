"""Write the budget_lines sheet: the lines' KBÖ, then their year totals as records.

The lines name codes of the national economic classification, which the import only reads (it never
creates or renames a code: budget.catalogue, shipped by migration).

The sheet's `added`, `deducted` and `spent` are the line's year totals (what the workbook export
writes). The part not already recorded by the forms (transfers entered on the budget pages,
spending of months 1–11) becomes one record dated the last day of the year: one imported ekleme,
one imported düşme, the spending of month 12. So exporting and importing again changes nothing,
and a total below what the forms recorded is refused with the row named.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from budget.choices import TransferKind
from budget.models import BudgetLine, BudgetSpending, BudgetTransfer
from budget.services import budget_lines_refresh_totals, national_economic_code_ids
from imports.dataset import DatasetError, RowError
from imports.writers.context import ImportContext

# A budget line with what the import still has to record of its year totals: (line, row, added, deducted, spent).
Remaining = tuple[Any, dict, Decimal, Decimal, Decimal]


def write_budget(ctx: ImportContext) -> None:
    """Write the budget lines, then the lines' eklenen, düşülen and harcama."""
    budget_rows = ctx.sheet("budget_lines")
    economic_code_id = national_economic_code_ids({r["econ_code"] for r in budget_rows})

    def line_fields(r: dict) -> dict[str, Any]:
        return {
            "year": r["year"],
            "economic_code_id": economic_code_id[r["econ_code"]],
            "activity_id": ctx.activities[(ctx.sub_program_id(r), r["activity"])].pk if r.get("activity") else None,
            "unit_id": ctx.unit_id[r["unit_code"]] if r.get("unit_code") else None,
        }

    # Only the KBÖ is typed on a line; its eklenen, düşülen and harcama become dated records below
    # (see imports/demo_data/README.md) and the line's sums are derived from them.
    key = ("year", "economic_code_id", "activity_id", "unit_id")
    lines = ctx.up.run(
        _("bütçe satırı"),
        BudgetLine,
        existing=BudgetLine.objects.filter(administration=ctx.admin),
        key=key,
        rows=[
            {"administration_id": ctx.admin.pk, **line_fields(r), "initial_appropriation": r["kbo"]}
            for r in budget_rows
        ],
    )
    rows = [(lines[tuple(line_fields(r)[k] for k in key)], r) for r in budget_rows]
    remaining = _remaining(rows)
    _write_transfers(ctx, remaining)
    _write_december_spending(ctx, remaining)
    budget_lines_refresh_totals(line_ids=[line.pk for line, _row in rows])


def _remaining(rows: list[tuple[Any, dict]]) -> list[Remaining]:
    """Return each line's year totals less what the forms recorded; refuse totals below it."""
    line_ids = [line.pk for line, _row in rows]
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
    return remaining


def _write_transfers(ctx: ImportContext, remaining: list[Remaining]) -> None:
    """Write one imported ekleme and one imported düşme per line (dated 31 December); drop those now zero."""
    # The transfers' reason is stored data compared at every import: always in the source language, so
    # importing the same workbook again in another language changes nothing.
    with translation.override(settings.LANGUAGE_CODE):
        reasons = (
            _("İçe aktarma: yıl içinde eklenen ödenek toplamı (tarihleri veri setinde yok)"),
            _("İçe aktarma: yıl içinde düşülen ödenek toplamı (tarihleri veri setinde yok)"),
        )
    imported = BudgetTransfer.objects.filter(administration=ctx.admin, imported=True)
    for kind, index, line_field in (
        (TransferKind.ADDITION, 0, "to_line_id"),
        (TransferKind.DEDUCTION, 1, "from_line_id"),
    ):
        kept = [
            {
                "administration_id": ctx.admin.pk,
                "year": r["year"],
                "kind": kind,
                "date": datetime.date(r["year"], 12, 31),
                "amount": amounts[index],
                line_field: line.pk,
                "reason": reasons[index],
                "imported": True,
            }
            for line, r, *amounts in remaining
            if amounts[index] > 0
        ]
        ctx.up.run(
            _("ödenek işlemi"), BudgetTransfer, existing=imported.filter(kind=kind), key=(line_field,), rows=kept
        )
        zero = [line.pk for line, r, *amounts in remaining if amounts[index] == 0]
        ctx.up.delete(imported.filter(kind=kind, **{f"{line_field}__in": zero}), label=_("ödenek işlemi"))


def _write_december_spending(ctx: ImportContext, remaining: list[Remaining]) -> None:
    """Write the spending not recorded for months 1–11 as December's; drop an imported December now zero."""
    spending = BudgetSpending.objects.filter(line__administration=ctx.admin)
    ctx.up.run(
        _("aylık harcama"),
        BudgetSpending,
        existing=spending,
        key=("line_id", "month"),
        rows=[
            {"line_id": line.pk, "month": 12, "amount": december, "imported": True}
            for line, _r, _added, _deducted, december in remaining
            if december > 0
        ],
    )
    no_december = [line.pk for line, _r, _added, _deducted, december in remaining if december == 0]
    ctx.up.delete(spending.filter(imported=True, month=12, line_id__in=no_december), label=_("aylık harcama"))
