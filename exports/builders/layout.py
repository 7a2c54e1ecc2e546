"""The shape every report takes before it is rendered: tables of typed columns, sections and rows.

A builder turns a selector's rows into one `Document` (the human layout: XLSX, PDF, DOCX) and the
machine rows of its CSV, from the same rows, so every format shows the same figures.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.numbers import RATE_PLACES

# Column kinds decide how a renderer formats a cell.
TEXT = "text"
YEAR = "year"  # never grouped: 2024
NUMBER = "number"  # an indicator value or an amount: 1.009.098 or 18,99
PERCENT = "percent"  # a percentage kept as a number: 96,18 shown as %96,18 (the one rate rule)


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    width: int = 12  # characters, for XLSX and relative widths in PDF/DOCX
    # Consecutive columns with the same group get one merged header cell above their own labels.
    group: str = ""
    places: int = RATE_PLACES  # decimals shown for PERCENT: every rate the same (core.numbers.RATE_PLACES)
    # Consecutive equal cells are merged into one (Tablo 16's programme, sub-programme and goal).
    merge_repeats: bool = False


@dataclass
class Row:
    cells: list[Any]
    emphasis: bool = False  # totals and programme lines
    level: int = 0  # indentation of the first column (budget hierarchy)
    # The decimals of this row's NUMBER cells (an indicator's own, PPIndicator.decimals); None: as the
    # value has them, trailing zeros dropped.
    places: int | None = None


@dataclass
class Section:
    """A block of rows under heading lines (e.g. Programın Adı: …, Alt Programın Adı: …)."""

    headings: list[tuple[str, str]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    # Label and text lines printed under the rows, across the table (Tablo 17's assessments).
    trailers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Table:
    title: str
    columns: list[Column]
    sections: list[Section]
    sheet: str = ""  # XLSX sheet name (≤ 31 characters)

    @property
    def row_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)


@dataclass
class Note:
    """A titled list of texts printed after the tables (Form-3's quarterly narratives)."""

    title: str
    items: list[tuple[str, str]]


@dataclass
class Chart:
    """A bar chart drawn as SVG for the PDF: one labelled bar per category."""

    title: str
    bars: list[tuple[str, int, str]]  # (label, value, colour)


@dataclass
class Document:
    title: str
    subtitle: str
    tables: list[Table]
    notes: list[Note] = field(default_factory=list)
    chart: Chart | None = None


@dataclass
class Export:
    """A report ready to render: the human document and the machine CSV from the same rows."""

    document: Document
    csv_header: list[str]
    csv_rows: list[list[Any]]


def has_groups(columns: list[Column]) -> bool:
    """Return whether the header needs a second row for grouped columns."""
    return any(column.group for column in columns)


def group_spans(columns: list[Column]) -> list[tuple[int, int, str]]:
    """Return (first index, last index, group label) of each run of columns sharing a group."""
    spans: list[tuple[int, int, str]] = []
    for index, column in enumerate(columns):
        if column.group and spans and spans[-1][2] == column.group and spans[-1][1] == index - 1:
            spans[-1] = (spans[-1][0], index, column.group)
        elif column.group:
            spans.append((index, index, column.group))
    return spans


def is_integral(value: Decimal) -> bool:
    return value == value.to_integral_value()


def repeat_runs(section: Section, columns: list[Column]) -> list[tuple[int, int, int]]:
    """Return (column index, first row offset, last row offset) of each run of equal cells to merge.

    Only columns marked `merge_repeats` are merged, and only runs of two rows or more.
    """
    runs = []
    for index, column in enumerate(columns):
        if not column.merge_repeats:
            continue
        values = [row.cells[index] for row in section.rows]
        start = 0
        for position in range(1, len(values) + 1):
            if position == len(values) or values[position] != values[start]:
                if position - 1 > start:
                    runs.append((index, start, position - 1))
                start = position
    return runs


def row_spans(section: Section, columns: list[Column]) -> list[list[int]]:
    """Return, per row and column, how many rows the cell spans: 1, n for a run's first cell, 0 hidden.

    The PDF writes a hidden cell not at all and the first one with rowspan n; the DOCX merges them.
    """
    spans = [[1] * len(columns) for _ in section.rows]
    for index, first, last in repeat_runs(section, columns):
        spans[first][index] = last - first + 1
        for offset in range(first + 1, last + 1):
            spans[offset][index] = 0
    return spans


def wrapped_lines(text: str, width: float) -> int:
    """Return how many lines `text` takes in a column `width` characters wide (at least one)."""
    if width <= 0:
        return 1
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += max(1, -(-len(paragraph) // max(int(width), 1)))
    return lines
