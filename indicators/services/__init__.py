"""Writes of the indicators app: quarterly values and the realization engine's results."""

from indicators.services.recompute import results_recompute
from indicators.services.values import quarterly_value_admin_delete, quarterly_value_admin_save, quarterly_value_save

__all__ = ["quarterly_value_admin_delete", "quarterly_value_admin_save", "quarterly_value_save", "results_recompute"]
