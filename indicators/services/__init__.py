"""Writes of the indicators app: quarterly values and the realization engine's results."""

from indicators.services.form_values import QuarterInput, QuarterValuesRefused, quarter_values_save
from indicators.services.recompute import results_recompute
from indicators.services.values import (
    EntryWarningsError,
    quarterly_value_admin_delete,
    quarterly_value_admin_save,
    quarterly_value_save,
    quarterly_values_warnings_confirm,
    value_confirmation,
    value_warnings,
)

__all__ = [
    "EntryWarningsError",
    "QuarterInput",
    "QuarterValuesRefused",
    "quarter_values_save",
    "quarterly_value_admin_delete",
    "quarterly_value_admin_save",
    "quarterly_value_save",
    "quarterly_values_warnings_confirm",
    "results_recompute",
    "value_confirmation",
    "value_warnings",
]
