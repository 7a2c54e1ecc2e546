"""The strategic plan's sheets (plan, aims, targets, target_yearly, sp_indicators, sp_yearly)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from imports.readers.base import (
    Column,
    Dataset,
    RowError,
    choice,
    codes,
    col,
    decimal,
    integer,
    unknown_reference,
    weight,
    yes_no,
)
from plans.calculations import weight_sum, weights_complete
from plans.choices import Direction

SHEETS: dict[str, tuple[Column, ...]] = {
    "plan": (col("code"), col("name"), col("start_year", integer), col("end_year", integer)),
    "aims": (col("code"), col("title"), col("short_title", required=False, optional_column=True)),
    "targets": (
        col("code"),
        col("aim_code"),
        col("title"),
        col("long_title", required=False, optional_column=True),
        col("responsible_unit_code"),
    ),
    "target_yearly": (
        col("target_code"),
        col("year", integer),
        col("deviation_reason", required=False),
        col("measures", required=False),
    ),
    "sp_indicators": (
        col("code"),
        col("target_code"),
        col("name"),
        col("unit", required=False),
        col("weight", weight),
        col("baseline", decimal),
        col("direction", choice(Direction.values)),
        col("cumulative", yes_no),
        col("pp_indicator_code", required=False),
        col("responsible_unit_code"),
        col("data_source", required=False, optional_column=True),
    ),
    "sp_yearly": (
        col("indicator_code"),
        col("year", integer),
        col("target", decimal),
        col("actual", decimal, required=False),
        col("relevance", required=False, optional_column=True),
        col("effectiveness", required=False, optional_column=True),
        col("efficiency", required=False, optional_column=True),
        col("sustainability", required=False, optional_column=True),
    ),
}
KEYS: dict[str, tuple[str, ...]] = {
    "plan": ("code",),
    "aims": ("code",),
    "targets": ("code",),
    "target_yearly": ("target_code", "year"),
    "sp_indicators": ("code",),
    "sp_yearly": ("indicator_code", "year"),
}


def check(dataset: Dataset) -> list[RowError]:
    """Return the plan rows whose aim, target, unit or indicator code points nowhere."""
    units, aims, targets = codes(dataset, "units"), codes(dataset, "aims"), codes(dataset, "targets")
    sp_codes, pp_codes = codes(dataset, "sp_indicators"), codes(dataset, "pp_indicators")
    errors: list[RowError] = []
    for r in dataset.sheet("targets"):
        errors += unknown_reference("targets", r, "aim_code", aims, _("amaç kodu"))
        errors += unknown_reference("targets", r, "responsible_unit_code", units, _("birim kodu"))
    for r in dataset.sheet("target_yearly"):
        errors += unknown_reference("target_yearly", r, "target_code", targets, _("hedef kodu"))
    for r in dataset.sheet("sp_indicators"):
        errors += unknown_reference("sp_indicators", r, "target_code", targets, _("hedef kodu"))
        errors += unknown_reference("sp_indicators", r, "responsible_unit_code", units, _("birim kodu"))
        errors += unknown_reference("sp_indicators", r, "pp_indicator_code", pp_codes, _("PP gösterge kodu"))
    for r in dataset.sheet("sp_yearly"):
        errors += unknown_reference("sp_yearly", r, "indicator_code", sp_codes, _("SP gösterge kodu"))
    return errors


def weight_warnings(dataset: Dataset) -> list[RowError]:
    """Warn about each target whose indicators' weights do not add up to 100 (plans.calculations' rule;
    doubtful in an imported plan, not wrong: the printed H2.3 sums to 80)."""
    weights: dict[str, list[Decimal]] = {}
    for r in dataset.sheet("sp_indicators"):
        if r.get("weight") is not None:
            weights.setdefault(r["target_code"], []).append(r["weight"])
    return [
        RowError(
            "sp_indicators",
            None,
            "weight",
            _("%(target)s hedefinin gösterge ağırlıkları toplamı %%%(total)s, 100 değil.")
            % {"target": target, "total": format(weight_sum(values), "f")},
        )
        for target, values in sorted(weights.items())
        if not weights_complete(values)
    ]
