"""The administration and units sheets: columns, keys and the unit tree's references."""

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from imports.readers.base import Column, Dataset, RowError, choice, codes, col, sequence, unknown_reference

SHEETS: dict[str, tuple[Column, ...]] = {
    "administration": (col("code"), col("name")),
    "units": (
        col("code"),
        col("name"),
        col("parent_code", required=False),
        col("kind", choice(UnitKind.values)),
        # The administration's own order of its units (Tablo 11 follows it): an empty cell or a sheet
        # without the column leaves it as it is.
        col("seq", sequence, required=False, optional_column=True),
    ),
}
KEYS: dict[str, tuple[str, ...]] = {"administration": ("code",), "units": ("code",)}


def check(dataset: Dataset) -> list[RowError]:
    """Return the units whose parent is not a unit of the data set."""
    units = codes(dataset, "units")
    errors: list[RowError] = []
    for r in dataset.sheet("units"):
        errors += unknown_reference("units", r, "parent_code", units, _("birim kodu"))
    return errors
