"""Renderers: one `Export` in, the bytes of one file format out."""

from collections.abc import Callable

from exports.builders.layout import Export
from exports.choices import Format
from exports.renderers.csv import render_csv, render_csv_excel
from exports.renderers.docx import render_docx
from exports.renderers.pdf import render_pdf
from exports.renderers.xlsx import render_xlsx

RENDERERS: dict[str, Callable[[Export], bytes]] = {
    Format.CSV: render_csv,
    Format.CSV_EXCEL: render_csv_excel,
    Format.XLSX: render_xlsx,
    Format.PDF: render_pdf,
    Format.DOCX: render_docx,
}
