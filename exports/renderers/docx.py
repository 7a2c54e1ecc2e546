"""DOCX through python-docx: one table per section, ready to paste into the annual report."""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from exports.builders.layout import Export, Table, group_spans, has_groups, row_spans
from exports.renderers.text import cell_text, is_numeric


def _repeat_as_header(row) -> None:
    """Mark a table row as a header row that Word repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _set_text(cell, text: str, *, bold: bool = False, right: bool = False, size: float = 7.5) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _header(word_table, table: Table) -> int:
    columns = table.columns
    grouped = has_groups(columns)
    top = word_table.rows[0].cells
    if grouped:
        bottom = word_table.rows[1].cells
        for index, column in enumerate(columns):
            if not column.group:
                top[index].merge(bottom[index])
                _set_text(top[index], column.label, bold=True)
            else:
                _set_text(bottom[index], column.label, bold=True)
        for first, last, label in group_spans(columns):
            merged = top[first].merge(top[last]) if last > first else top[first]
            _set_text(merged, label, bold=True)
    else:
        for index, column in enumerate(columns):
            _set_text(top[index], column.label, bold=True)
    header_rows = 2 if grouped else 1
    for row in word_table.rows[:header_rows]:
        _repeat_as_header(row)
    return header_rows


def _add_table(word, table: Table) -> None:
    word.add_heading(table.title, level=2)
    numeric = [is_numeric(column) for column in table.columns]
    header_rows = 2 if has_groups(table.columns) else 1
    for section in table.sections:
        for label, text in section.headings:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: " if text else label).bold = True
            if text:
                paragraph.add_run(text)
        word_table = word.add_table(rows=header_rows + len(section.rows), cols=len(table.columns))
        word_table.style = "Table Grid"
        word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _header(word_table, table)
        body = word_table.rows[header_rows:]
        spans = row_spans(section, table.columns)
        for r, (row, word_row) in enumerate(zip(section.rows, body, strict=True)):
            for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=True)):
                if not spans[r][index]:
                    continue  # inside a merged run: its first cell holds the text
                cell = word_row.cells[index]
                if spans[r][index] > 1:
                    cell = cell.merge(body[r + spans[r][index] - 1].cells[index])
                _set_text(cell, cell_text(value, column), bold=row.emphasis, right=numeric[index])
        word.add_paragraph()


def render_docx(export: Export) -> bytes:
    """Return the export's document as a DOCX file (A4 landscape)."""
    document = export.document
    word = WordDocument()
    page = word.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, margin, Mm(12))
    style = word.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(8)
    word.add_heading(document.title, level=1)
    word.add_paragraph(document.subtitle)
    for table in document.tables:
        _add_table(word, table)
    for note in document.notes:
        word.add_heading(note.title, level=3)
        for label, text in note.items:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
