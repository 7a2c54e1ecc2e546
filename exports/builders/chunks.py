"""Bounded pieces of a table for the PDF and DOCX renderers: a few hundred rows at a time.

A renderer that lays out 50.000 rows at once holds every row's layout until the end (WeasyPrint
needed 7,8 GiB for Form-4 of 50.000 indicators); laid out a slice at a time, its memory is that of a
slice whatever the size of the year. A slice ends, once it has `size` rows, where a run of merged cells
ends (Tablo 16's sub-programme), so a merged group is cut only when it is longer than `size` again.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from exports.builders.layout import Column, Row

CHUNK_ROWS = 400  # rows laid out together: WeasyPrint's memory is about 0,2 MiB a row


@dataclass
class RowSlice:
    """Consecutive rows of one section; `first` and `last` say whether it holds the section's ends."""

    rows: list[Row]
    first: bool
    last: bool = False
    # Indexes of the merged columns whose run of equal cells goes on from the previous slice.
    continued: set[int] = field(default_factory=set)


def _run_ends(previous: Row, row: Row, merged: list[int]) -> bool:
    """Return whether a slice may end between `previous` and `row`: no merged column, or a run ends."""
    return not merged or any(previous.cells[i] != row.cells[i] for i in merged)


def row_slices(rows: Iterable[Row], columns: list[Column], size: int | None) -> Iterator[RowSlice]:
    """Yield the rows in slices of about `size` (all of them in one when `size` is None).

    A slice is cut at the first end of a merged run once it holds `size` rows, and at `2 × size` rows
    whatever the runs. Reads `rows` once, holding at most one slice (a generator is read as it goes).
    """
    merged = [index for index, column in enumerate(columns) if column.merge_repeats]
    current: list[Row] = []
    first = True
    continued: set[int] = set()
    for row in rows:
        if (
            size
            and current
            and (len(current) >= 2 * size or (len(current) >= size and _run_ends(current[-1], row, merged)))
        ):
            yield RowSlice(current, first=first, continued=continued)
            continued = {i for i in merged if current[-1].cells[i] == row.cells[i]}
            current, first = [], False
        current.append(row)
    yield RowSlice(current, first=first, last=True, continued=continued)


def item_slices(items: list, size: int | None) -> Iterator[list]:
    """Yield a note's items in slices of `size` (all at once when `size` is None)."""
    if not size:
        yield items
        return
    for start in range(0, max(len(items), 1), size):
        yield items[start : start + size]
