"""The economic_codes and budget_lines sheets: columns, keys and a line's totals."""

from django.utils.translation import gettext as _

from budget.calculations import BudgetFigures, deduction_refusal, spending_refusal
from imports.readers.base import Column, Dataset, RowError, codes, col, integer, money, unknown_reference

SHEETS: dict[str, tuple[Column, ...]] = {
    "economic_codes": (col("code"), col("name")),
    "budget_lines": (
        col("year", integer),
        col("econ_code"),
        col("econ_name", required=False),
        col("program", required=False),
        col("sub_program", required=False),
        col("activity", required=False),
        col("unit_code", required=False),
        col("kbo", money),
        col("added", money),
        col("deducted", money),
        col("spent", money),
    ),
}
KEYS: dict[str, tuple[str, ...]] = {
    "economic_codes": ("code",),
    "budget_lines": ("year", "econ_code", "program", "sub_program", "activity", "unit_code"),
}


def check(dataset: Dataset) -> list[RowError]:
    """Return the budget lines with unknown codes or totals that do not add up."""
    units, econ = codes(dataset, "units"), codes(dataset, "economic_codes")
    errors: list[RowError] = []
    for r in dataset.sheet("budget_lines"):
        errors += unknown_reference("budget_lines", r, "econ_code", econ, _("ekonomik kod"))
        errors += unknown_reference("budget_lines", r, "unit_code", units, _("birim kodu"))
        errors += total_errors(r)
    return errors


def total_errors(r: dict) -> list[RowError]:
    """Return a line's problem with its totals, by the budget pages' rules and messages
    (budget.calculations): more deducted than the line has, or more spent than its total."""
    if r.get("kbo") is None or r.get("added") is None or r.get("deducted") is None:
        return []
    if r["deducted"] > r["kbo"] + r["added"]:
        message = deduction_refusal(BudgetFigures(initial=r["kbo"], additions=r["added"]), r["deducted"])
        return [RowError("budget_lines", r["_row"], "deducted", message)] if message else []
    if r.get("spent") is None:
        return []
    figures = BudgetFigures(initial=r["kbo"], additions=r["added"], deductions=r["deducted"])
    message = spending_refusal(figures, r["spent"])
    return [RowError("budget_lines", r["_row"], "spent", message)] if message else []
