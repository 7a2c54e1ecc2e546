"""The budget_lines sheet: columns, keys, the national economic codes and a line's totals.

The economic classification is national (budget.catalogue): a line names one of its codes, written
as the classification writes it (03.2) or as the report prints level I (3 for 03); a workbook needs
no catalogue sheet and cannot name or rename a code.
"""

from django.utils.translation import gettext as _

from budget.calculations import BudgetFigures, deduction_refusal, spending_refusal
from budget.catalogue import NATIONAL_NAMES, normalise_economic_code
from imports.readers.base import Cell, Column, Dataset, RowError, codes, col, integer, money, text, unknown_reference


def economic_code(value: Cell) -> str:
    """Read a national economic code: "3" or "3.2", as the report prints level I, is "03" or "03.2"."""
    code = normalise_economic_code(text(value))
    if code not in NATIONAL_NAMES:
        raise ValueError(
            _("“%(value)s” ulusal ekonomik sınıflandırmada yok (ör. 01, 03.2); ekonomik kodlar idarece eklenemez.")
            % {"value": text(value)}
        )
    return code


SHEETS: dict[str, tuple[Column, ...]] = {
    "budget_lines": (
        col("year", integer),
        col("econ_code", economic_code),
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
    "budget_lines": ("year", "econ_code", "program", "sub_program", "activity", "unit_code"),
}


def check(dataset: Dataset) -> list[RowError]:
    """Return the budget lines with unknown unit codes or totals that do not add up."""
    units = codes(dataset, "units")
    errors: list[RowError] = []
    for r in dataset.sheet("budget_lines"):
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
