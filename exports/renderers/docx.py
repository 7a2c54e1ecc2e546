"""DOCX through python-docx: one table per section, ready to paste into the annual report."""

import io

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from core.text import turkish_hyphenate
from exports.builders.layout import Export, Table, group_spans, has_groups, row_spans
from exports.renderers.text import cell_text, generated_label, is_numeric


def _repeat_as_header(row) -> None:
    """Mark a table row as a header row that Word repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _keep_row_together(row) -> None:
    """Mark a table row so that Word never splits it across two pages."""
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


PAGE_MM = (297, 210)  # A4 landscape
MARGIN_MM = 12
# DejaVu Sans at the table's 7 pt: about 1,6 mm per figure, plus the cell's margins (0,9 mm a side).
TABLE_PT = 7
_CHAR_MM = 1.6
_CELL_MARGIN_TWIPS = 51
_CELL_PADDING_MM = 2.2
# A header word longer than this breaks at its syllables' soft hyphens instead of widening its column.
_HEADER_WORD = 7


def _column_widths(table: Table, usable_mm: float) -> list[float]:
    """Return each column's width in mm: numbers as wide as their longest figure, text sharing the rest.

    A number or year column never wraps its figure (no '202/3'); the text columns (names, goals)
    share what is left by the layout's weights, so the indicator name is the widest column.
    """
    numeric = [is_numeric(column) for column in table.columns]
    needed = []
    for index, column in enumerate(table.columns):
        longest = min(max((len(word) for word in column.label.split()), default=0), _HEADER_WORD)
        if numeric[index]:
            for section in table.sections:
                for row in section.rows:
                    longest = max(longest, len(cell_text(row.cells[index], column, row.places)))
        needed.append(longest * _CHAR_MM + _CELL_PADDING_MM)
    fixed = sum(width for width, is_number in zip(needed, numeric, strict=True) if is_number)
    weights = sum(column.width for column, is_number in zip(table.columns, numeric, strict=True) if not is_number)
    rest = max(usable_mm - fixed, 0)
    return [
        needed[index] if numeric[index] else max(rest * column.width / weights, needed[index])
        for index, column in enumerate(table.columns)
    ]


def _narrow_cell_margins(word_table) -> None:
    """Left and right cell margins of 0,9 mm (Word's default is 1,9 mm): room for the figures."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(_CELL_MARGIN_TWIPS))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    word_table._tbl.tblPr.append(margins)


def _set_widths(word_table, table: Table, usable: int) -> None:
    """Give each column its width (Word and LibreOffice read the cell widths, not the grid)."""
    word_table.autofit = False
    for index, width_mm in enumerate(_column_widths(table, Emu(usable).mm)):
        width = Mm(width_mm)
        word_table.columns[index].width = width
        for cell in word_table.columns[index].cells:
            cell.width = width


def _field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _footer(page) -> None:
    """Page n / N in the middle of the footer and the generation date after it, on every page."""
    paragraph = page.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(_("Sayfa") + " ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" / ")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run("    ·    " + generated_label())
    for run in paragraph.runs:
        run.font.size = Pt(7)


def _set_text(cell, text: str, *, bold: bool = False, right: bool = False, size: float = TABLE_PT) -> None:
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
                _set_text(top[index], turkish_hyphenate(column.label), bold=True)
            else:
                _set_text(bottom[index], turkish_hyphenate(column.label), bold=True)
        for first, last, label in group_spans(columns):
            merged = top[first].merge(top[last]) if last > first else top[first]
            _set_text(merged, turkish_hyphenate(label), bold=True)
    else:
        for index, column in enumerate(columns):
            _set_text(top[index], turkish_hyphenate(column.label), bold=True)
    header_rows = 2 if grouped else 1
    for row in word_table.rows[:header_rows]:
        _repeat_as_header(row)
    return header_rows


def _add_table(word, table: Table, usable: int) -> None:
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
        _narrow_cell_margins(word_table)
        word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _header(word_table, table)
        _set_widths(word_table, table, usable)
        for word_row in word_table.rows:
            _keep_row_together(word_row)
        body = word_table.rows[header_rows:]
        spans = row_spans(section, table.columns)
        for r, (row, word_row) in enumerate(zip(section.rows, body, strict=True)):
            for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=True)):
                if not spans[r][index]:
                    continue  # inside a merged run: its first cell holds the text
                cell = word_row.cells[index]
                if spans[r][index] > 1:
                    cell = cell.merge(body[r + spans[r][index] - 1].cells[index])
                _set_text(cell, cell_text(value, column, row.places), bold=row.emphasis, right=numeric[index])
        for label, text in section.trailers:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: " if text else label).bold = True
            if text:
                paragraph.add_run(text)
        word.add_paragraph()


def render_docx(export: Export) -> bytes:
    """Return the export's document as a DOCX file (A4 landscape)."""
    document = export.document
    word = WordDocument()
    page = word.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, margin, Mm(MARGIN_MM))
    style = word.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(8)
    word.add_heading(document.title, level=1)
    word.add_paragraph(document.subtitle)
    _footer(page)
    usable = Mm(PAGE_MM[0] - 2 * MARGIN_MM)
    for table in document.tables:
        _add_table(word, table, usable)
    for note in document.notes:
        word.add_heading(note.title, level=3)
        for label, text in note.items:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
