"""The printed sheet: the printed report's figures, kept to compare with what the application computes."""

from imports.readers.base import Column, col, integer

SHEETS: dict[str, tuple[Column, ...]] = {
    "printed": (col("year", integer), col("table"), col("row_key"), col("column"), col("value")),
}
KEYS: dict[str, tuple[str, ...]] = {"printed": ("year", "table", "row_key", "column")}
