"""PDF through WeasyPrint: DejaVu fonts for Turkish glyphs, page numbers, repeated table headers."""

import io
import logging
from collections.abc import Iterator
from itertools import chain

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from core.text import turkish_hyphenate
from exports.builders.chunks import CHUNK_ROWS, item_slices, row_slices
from exports.builders.layout import Column, Document, Export, Row, Section, Table, group_spans, has_groups, row_spans
from exports.charts import chart_summary, chart_svg
from exports.renderers.text import cell_text, generated_label, is_numeric

# fontTools reports every subsetting detail ("name pruned") as a warning, WeasyPrint every step.
logging.getLogger("fontTools").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _label(text: str) -> str:
    # Narrow header cells break long words only between syllables (Gerçek-leşme); WeasyPrint has no
    # Turkish hyphenation dictionary, so the soft hyphens are put in here.
    return turkish_hyphenate(text)


def _header_rows(columns) -> list[list[dict]]:
    """Return the header as rows of cells with their rowspan and colspan."""
    if not has_groups(columns):
        return [[{"label": _label(c.label), "rowspan": 1, "colspan": 1} for c in columns]]
    spans = {first: (last, label) for first, last, label in group_spans(columns)}
    top: list[dict] = []
    index = 0
    while index < len(columns):
        if index in spans:
            last, label = spans[index]
            top.append({"label": _label(label), "rowspan": 1, "colspan": last - index + 1})
            index = last + 1
        else:
            top.append({"label": _label(columns[index].label), "rowspan": 2, "colspan": 1})
            index += 1
    bottom = [{"label": _label(c.label), "rowspan": 1, "colspan": 1} for c in columns if c.group]
    return [top, bottom]


def _body_rows(rows: list[Row], columns: list[Column], numeric: list[bool]) -> list[dict]:
    """Return rows as cells (text, numeric, rowspan); a merged run's later cells are left out."""
    spans = row_spans(Section(rows=rows), columns)
    return [
        {
            "emphasis": row.emphasis,
            "level": row.level,
            "cells": [
                (cell_text(value, column, row.places), numeric[i], spans[r][i])
                for i, (value, column) in enumerate(zip(row.cells, columns, strict=True))
                if spans[r][i]
            ],
        }
        for r, row in enumerate(rows)
    ]


def table_frame(table: Table, *, titled: bool) -> dict:
    """Return a table's frame (its title only where the table starts, the header on every chunk)."""
    return {
        "title": "" if titled else table.title,
        "header": _header_rows(table.columns),
        "widths": [column.width for column in table.columns],
        "width_total": sum(column.width for column in table.columns),
        "sections": [],
        "column_count": len(table.columns),
    }


def table_pieces(table: Table, size: int | None) -> Iterator[tuple[int, dict]]:
    """Yield each section of the table in slices of about `size` rows, with the slice's row count."""
    numeric = [is_numeric(column) for column in table.columns]
    for section in table.sections:
        for piece in row_slices(section.rows, table.columns, size):
            yield (
                len(piece.rows),
                {
                    "headings": section.headings if piece.first else [],
                    "rows": _body_rows(piece.rows, table.columns, numeric),
                    "trailers": section.trailers if piece.last else [],
                },
            )


def document_chunks(document: Document, size: int | None) -> Iterator[dict]:
    """Yield the document as chunks of about `size` rows (and note items), each one HTML document's context.

    The first chunk has the title and the chart; a table's title stands where it starts, its header
    in every chunk; a slice is never split, slices are packed together up to `size` rows.
    """
    chunk: dict = {"preamble": True, "tables": [], "notes": []}
    count = 0
    for table in document.tables:
        frame, started = None, False
        for rows, piece in table_pieces(table, size):
            if size and count and count + rows > size:
                yield chunk
                chunk, count, frame = {"preamble": False, "tables": [], "notes": []}, 0, None
            if frame is None:
                frame, started = table_frame(table, titled=started), True
                chunk["tables"].append(frame)
            frame["sections"].append(piece)
            count += rows
    for note in document.notes:
        for index, items in enumerate(item_slices(note.items, size)):
            if size and count and count + len(items) > size:
                yield chunk
                chunk, count = {"preamble": False, "tables": [], "notes": []}, 0
            chunk["notes"].append({"title": "" if index else note.title, "items": items})
            count += len(items)
    yield chunk


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow and only PDF needs it

    return HTML(string=html).write_pdf()


def _html(document: Document, chunk: dict, *, numbered: bool, generated: str) -> str:
    chart = document.chart if chunk["preamble"] else None
    return render_to_string(
        "exports/document.html",
        {
            "document": document,
            "preamble": chunk["preamble"],
            "tables": chunk["tables"],
            "notes": chunk["notes"],
            "chart_svg": chart_svg(chart) if chart else "",
            "chart_summary": chart_summary(chart) if chart else "",
            "language": (get_language() or "tr")[:2],
            "generated": generated,
            "numbered": numbered,
        },
    )


def render_html(export: Export) -> str:
    """Return the HTML of the whole document as one (also handy to look at in a browser)."""
    return _html(
        export.document, next(document_chunks(export.document, None)), numbered=True, generated=generated_label()
    )


def _folios(first: int, last: int, total: int) -> bytes:
    """Return pages that hold only the footer's 'Sayfa n / N', for pages `first` to `last` of `total`."""
    folios = [_("Sayfa") + f" {number} / {total}" for number in range(first, last + 1)]
    html = render_to_string("exports/document.html", {"folios": folios, "language": (get_language() or "tr")[:2]})
    return _pdf(html)


def _joined(parts: list[bytes]) -> bytes:
    """Join chunk PDFs into one, stamping every page with its number of the whole: Sayfa n / N.

    Each chunk is parsed again when its turn comes and dropped once its pages are in (a reader keeps
    what it parsed), so the join holds the pages written, not every chunk's parsed objects as well.
    """
    counts = [len(PdfReader(io.BytesIO(part)).pages) for part in parts]
    total = sum(counts)
    writer = PdfWriter()
    done = 0
    for index, count in enumerate(counts):
        reader = PdfReader(io.BytesIO(parts[index]))
        parts[index] = b""
        if not index:
            writer.add_metadata(
                {key: value for key, value in (reader.metadata or {}).items() if isinstance(value, str)}
            )
        folios = PdfReader(io.BytesIO(_folios(done + 1, done + count, total)))
        for page, folio in zip(reader.pages, folios.pages, strict=True):
            added = writer.add_page(page)
            added.merge_page(folio)
            added.compress_content_streams()  # the merge leaves the content decoded
        done += count
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def render_pdf(export: Export, *, chunk_rows: int | None = CHUNK_ROWS) -> bytes:
    """Return the export's document as PDF bytes, laid out `chunk_rows` rows at a time.

    A document that fits one chunk is one WeasyPrint document. A longer one is laid out chunk by
    chunk (so the memory is one chunk's, whatever the size) and the chunks' PDFs joined, each page
    stamped with its number of the whole; every chunk repeats the table header and the footer's date.
    """
    document = export.document
    generated = generated_label()  # one date on every page, however long the chunks take
    chunks = document_chunks(document, chunk_rows)
    first = next(chunks)
    second = next(chunks, None)
    if second is None:
        return _pdf(_html(document, first, numbered=True, generated=generated))
    parts = [
        _pdf(_html(document, chunk, numbered=False, generated=generated)) for chunk in chain((first, second), chunks)
    ]
    return _joined(parts)
