"""The economic_codes and budget_lines sheets: columns, keys and a line's totals."""

from django.utils.translation import gettext as _

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
    """Return a line's problem with its totals: more deducted than available, or more spent than the total."""
    if r.get("kbo") is None or r.get("added") is None or r.get("deducted") is None:
        return []
    total = r["kbo"] + r["added"] - r["deducted"]
    if total < 0:
        return [RowError("budget_lines", r["_row"], "deducted", _("Düşülen tutar kullanılabilir ödenekten büyük."))]
    if r.get("spent") is not None and r["spent"] > total:
        return [RowError("budget_lines", r["_row"], "spent", _("Harcama toplam ödeneği aşıyor."))]
    return []
