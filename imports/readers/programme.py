"""The performance programme's sheets (program_structure, activities, pp_indicators)."""

from django.utils.translation import gettext as _

from core.numbers import VALUE_PLACES
from imports.readers.base import (
    Column,
    Dataset,
    RowError,
    choice,
    codes,
    col,
    decimal,
    integer,
    sequence,
    unknown_reference,
    yes_no,
)
from plans.choices import AggregationMethod, Direction

SHEETS: dict[str, tuple[Column, ...]] = {
    "program_structure": (
        col("year", integer),
        col("program"),
        col("sub_program"),
        col("sub_program_goal"),
        col("aim_code", required=False),
    ),
    "activities": (col("year", integer), col("program"), col("sub_program"), col("activity")),
    "pp_indicators": (
        col("code"),
        col("year", integer),
        col("seq", sequence, required=False, optional_column=True),
        col("program"),
        col("sub_program"),
        col("sub_program_goal", required=False),
        col("aim_code", required=False),
        col("name"),
        col("unit"),
        col("direction", choice(Direction.values)),
        col("aggregation", choice(AggregationMethod.values)),
        col("allows_negative", yes_no, required=False, optional_column=True),
        col("prev_year", integer, required=False),
        col("prev_value", decimal, required=False),
        col("target", decimal),
        col("responsible_unit_code"),
        col("data_source", required=False, optional_column=True),
        # Whether each quarter needs an evidence file before submission (the plan screen's "Kanıt zorunlu"):
        # an empty cell or a sheet without the column leaves it as it is.
        col("evidence_required", yes_no, required=False, optional_column=True),
        col("decimals", integer, required=False, optional_column=True),
    ),
}
KEYS: dict[str, tuple[str, ...]] = {
    "program_structure": ("year", "program", "sub_program", "sub_program_goal"),
    "activities": ("year", "program", "sub_program", "activity"),
    "pp_indicators": ("year", "code"),
}


def check(dataset: Dataset) -> list[RowError]:
    """Return the programme rows whose aim or unit code points nowhere."""
    units, aims = codes(dataset, "units"), codes(dataset, "aims")
    errors: list[RowError] = []
    for r in dataset.sheet("program_structure"):
        errors += unknown_reference("program_structure", r, "aim_code", aims, _("amaç kodu"))
    for r in dataset.sheet("pp_indicators"):
        if r.get("decimals") is not None and not 0 <= r["decimals"] <= VALUE_PLACES:
            message = _("Ondalık basamak sayısı 0 ile %(most)d arasında olmalı.") % {"most": VALUE_PLACES}
            errors.append(RowError("pp_indicators", r["_row"], "decimals", message))
        errors += unknown_reference("pp_indicators", r, "responsible_unit_code", units, _("birim kodu"))
        errors += unknown_reference("pp_indicators", r, "aim_code", aims, _("amaç kodu"))
    return errors
