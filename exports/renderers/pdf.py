"""PDF through WeasyPrint: DejaVu fonts for Turkish glyphs, page numbers, repeated table headers."""

import logging

from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.text import turkish_hyphenate
from exports.builders.layout import Column, Export, Section, group_spans, has_groups, row_spans
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


def _body_rows(section: Section, columns: list[Column], numeric: list[bool]) -> list[dict]:
    """Return the section's rows as cells (text, numeric, rowspan); a merged run's later cells are left out."""
    spans = row_spans(section, columns)
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
        for r, row in enumerate(section.rows)
    ]


def render_html(export: Export) -> str:
    """Return the HTML WeasyPrint lays out (also handy to look at in a browser)."""
    document = export.document
    tables = []
    for table in document.tables:
        numeric = [is_numeric(column) for column in table.columns]
        tables.append(
            {
                "title": table.title,
                "header": _header_rows(table.columns),
                "widths": [column.width for column in table.columns],
                "width_total": sum(column.width for column in table.columns),
                "sections": [
                    {
                        "headings": section.headings,
                        "rows": _body_rows(section, table.columns, numeric),
                        "trailers": section.trailers,
                    }
                    for section in table.sections
                ],
                "column_count": len(table.columns),
            }
        )
    chart = document.chart
    return render_to_string(
        "exports/document.html",
        {
            "document": document,
            "tables": tables,
            "chart_svg": chart_svg(chart) if chart else "",
            "chart_summary": chart_summary(chart) if chart else "",
            "language": (get_language() or "tr")[:2],
            "generated": generated_label(),
        },
    )


def render_pdf(export: Export) -> bytes:
    """Return the export's document as PDF bytes."""
    from weasyprint import HTML  # imported here: loading pango is slow and only PDF needs it

    return HTML(string=render_html(export)).write_pdf()
