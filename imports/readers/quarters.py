"""The quarterly_values sheet (Form-3's figures): columns, key and the rules of a quarter's value."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from core.numbers import format_decimal
from imports.readers.base import Column, Dataset, RowError, col, decimal, integer, quarter
from indicators.calculations import quarter_figure_problems, ratio_quarter_value
from indicators.checks import (
    DEFAULT_OUTLIER_FACTOR,
    EntryWarning,
    entry_history,
    entry_refusals,
    entry_warnings,
    is_count_unit,
)
from plans.choices import AggregationMethod

SHEETS: dict[str, tuple[Column, ...]] = {
    "quarterly_values": (
        col("indicator_code"),
        col("year", integer),
        col("quarter", quarter),
        col("value", decimal, required=False),
        col("numerator", decimal, required=False),
        col("denominator", decimal, required=False),
        col("year_end_estimate", decimal, required=False),
        col("narrative", required=False),
    ),
}
KEYS: dict[str, tuple[str, ...]] = {"quarterly_values": ("indicator_code", "year", "quarter")}


def check(dataset: Dataset) -> list[RowError]:
    """Return the quarterly values of unknown indicators and those that break a value rule; compute a RATIO
    quarter's value from its numerator and denominator."""
    pp_by_year = {(r["year"], r["code"]): r for r in dataset.sheet("pp_indicators")}
    errors: list[RowError] = []
    for r in dataset.sheet("quarterly_values"):
        indicator = pp_by_year.get((r["year"], r["indicator_code"]))
        if indicator is None:
            errors.append(
                RowError(
                    "quarterly_values",
                    r["_row"],
                    "indicator_code",
                    _("%(year)s yılında “%(code)s” kodlu gösterge yok.")
                    % {"year": r["year"], "code": r["indicator_code"]},
                )
            )
            continue
        problems = value_errors(r, indicator)
        if not problems and indicator["aggregation"] == AggregationMethod.RATIO:
            # As the form does: a RATIO quarter's value is its numerator ÷ denominator × 100, stored to
            # 4 decimals, so the locked-quarter comparison and the writer see what the form would store.
            r["value"] = ratio_quarter_value(r.get("numerator"), r.get("denominator"))
        errors += problems
    return errors


def value_errors(r: dict[str, Any], indicator: dict[str, Any]) -> list[RowError]:
    """Return the problems of one quarter's figures against its indicator: the quarter rules and the
    count indicators' whole numbers of the form and the value service (indicators.calculations,
    indicators.checks), with the same messages."""
    problems = quarter_figure_problems(
        aggregation=indicator["aggregation"],
        quarter=r["quarter"],
        value=r.get("value"),
        numerator=r.get("numerator"),
        denominator=r.get("denominator"),
        allows_negative=bool(indicator.get("allows_negative")),
        # Checked only when the workbook gives the indicator's decimals (an older one has no column).
        decimals=indicator.get("decimals"),
        year_end_estimate=r.get("year_end_estimate"),
        counts=is_count_unit(indicator.get("unit") or ""),
    )
    problems += entry_refusals(
        unit_of_measure=indicator.get("unit") or "",
        aggregation=indicator["aggregation"],
        value=r.get("value"),
        year_end_estimate=r.get("year_end_estimate"),
    )
    return [RowError("quarterly_values", r["_row"], column, message) for column, message in problems]


def value_outliers(
    dataset: Dataset, *, factor: Decimal = DEFAULT_OUTLIER_FACTOR
) -> dict[tuple[str, int, int], tuple[int | None, list[EntryWarning]]]:
    """Return {(indicator code, year, quarter): (row, warnings)} of the sheet's values that raise entry warnings.

    Each value is compared with the sheet's own history (indicators.checks, the form's rules). The
    form asks the unit to confirm such a value; the import lists them in its preview, and confirming
    the import confirms them: the writer keeps them on the value with the importer's confirmation.
    """
    pp = {(r["year"], r["code"]): r for r in dataset.sheet("pp_indicators")}
    values = {(r["indicator_code"], r["year"], r["quarter"]): r.get("value") for r in dataset.sheet("quarterly_values")}
    found: dict[tuple[str, int, int], tuple[int | None, list[EntryWarning]]] = {}
    for r in dataset.sheet("quarterly_values"):
        indicator = pp.get((r["year"], r["indicator_code"]))
        if indicator is None or r.get("value") is None:
            continue
        code, year = r["indicator_code"], r["year"]
        history = entry_history(
            quarter=r["quarter"],
            this_year={q: values.get((code, year, q)) for q in (1, 2, 3, 4)},
            last_year={q: v for q in (1, 2, 3, 4) if (v := values.get((code, year - 1, q))) is not None},
        )
        warnings = entry_warnings(
            aggregation=indicator["aggregation"],
            value=r["value"],
            previous_quarter=history.previous_quarter,
            same_quarter_last_year=history.same_quarter_last_year,
            factor=factor,
            format_number=format_decimal,
        )
        if warnings:
            found[(code, year, r["quarter"])] = (r["_row"], warnings)
    return found


def warning_rows(outliers: dict[tuple[str, int, int], tuple[int | None, list[EntryWarning]]]) -> list[RowError]:
    """Return the values' entry warnings as the preview lists them (one per warning, on its row)."""
    return [
        RowError("quarterly_values", row, "value", warning.message)
        for row, warnings in outliers.values()
        for warning in warnings
    ]


def outlier_warnings(dataset: Dataset, *, factor: Decimal = DEFAULT_OUTLIER_FACTOR) -> list[RowError]:
    """Return the sheet's entry warnings as the preview lists them."""
    return warning_rows(value_outliers(dataset, factor=factor))
