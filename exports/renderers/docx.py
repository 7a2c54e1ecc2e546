"""DOCX through python-docx: one table per section, ready to paste into the annual report."""

import io
import shutil
import tempfile
import zipfile

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell
from lxml import etree

from core.text import turkish_hyphenate
from exports.builders.chunks import CHUNK_ROWS, RowSlice, item_slices, row_slices
from exports.builders.layout import Export, Section, Table, group_spans, has_groups, row_spans
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


def _set_widths(word_table, widths_mm: list[float]) -> None:
    """Give each column its width (Word and LibreOffice read the cell widths, not the grid)."""
    word_table.autofit = False
    for index, width_mm in enumerate(widths_mm):
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


def _xml(element) -> bytes:
    return etree.tostring(element, encoding="utf-8")


def _spill(word, spool) -> None:
    """Move what the body holds so far (but its page setup) to the spool: the memory stays one chunk's."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            spool.write(_xml(child))
            body.remove(child)


def _paragraphs(word, lines: list[tuple[str, str]], *, separator: str) -> None:
    """Add one paragraph a line: the label in bold, then its text."""
    for label, text in lines:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{label}{separator}" if text else label).bold = True
        if text:
            paragraph.add_run(text)


def _slice_table(word, table: Table, piece: RowSlice, widths: list[float]):
    """Return a Word table of the header rows and one slice of a section's rows."""
    numeric = [is_numeric(column) for column in table.columns]
    header_rows = 2 if has_groups(table.columns) else 1
    word_table = word.add_table(rows=header_rows + len(piece.rows), cols=len(table.columns))
    word_table.style = "Table Grid"
    _narrow_cell_margins(word_table)
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header(word_table, table)
    _set_widths(word_table, widths)
    for word_row in word_table.rows:
        _keep_row_together(word_row)
    # The body's cells are reached through their XML: python-docx's row.cells and cell.merge walk the
    # whole table for every cell (a 500-row slice took minutes); a vertical merge is only the vMerge mark.
    body = [tr.tc_lst for tr in word_table._tbl.tr_lst[header_rows:]]
    spans = row_spans(Section(rows=piece.rows), table.columns)
    for r, (row, cells) in enumerate(zip(piece.rows, body, strict=True)):
        for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=True)):
            span = spans[r][index]
            if not span:
                cells[index].vMerge = "continue"  # inside a merged run: its first cell holds the text
                continue
            if column.merge_repeats:
                cells[index].vMerge = "restart"  # a run's first cell (the run may go on in the next slice)
            if r == 0 and index in piece.continued:
                cells[index].vMerge = "continue"  # the run began in the previous slice: one merged cell
            else:
                cell = _Cell(cells[index], word_table)
                _set_text(cell, cell_text(value, column, row.places), bold=row.emphasis, right=numeric[index])
    return word_table


def _add_table(word, table: Table, usable: int, spool, chunk_rows: int | None) -> None:
    """Write a table section by section, each section one Word table written a slice of rows at a time."""
    word.add_heading(table.title, level=2)
    widths = _column_widths(table, Emu(usable).mm)
    header_rows = 2 if has_groups(table.columns) else 1
    for section in table.sections:
        _paragraphs(word, section.headings, separator=": ")
        _spill(word, spool)
        for piece in row_slices(section.rows, table.columns, chunk_rows):
            word_table = _slice_table(word, table, piece, widths)
            element = word_table._tbl
            word.element.body.remove(element)
            if piece.first:
                spool.write(_xml(element).rsplit(b"</w:tbl>", 1)[0])
            else:
                spool.writelines(_xml(tr) for tr in element.tr_lst[header_rows:])
        spool.write(b"</w:tbl>")
        _paragraphs(word, section.trailers, separator=": ")
        word.add_paragraph()
        _spill(word, spool)


def _add_notes(word, document, spool, chunk_rows: int | None) -> None:
    for note in document.notes:
        word.add_heading(note.title, level=3)
        for items in item_slices(note.items, chunk_rows):
            for label, text in items:
                paragraph = word.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(text)
            _spill(word, spool)


def _with_body(skeleton: bytes, spool) -> bytes:
    """Return the DOCX `skeleton` (styles, page setup, footer; an empty body) with the spooled body in it."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(skeleton)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
                continue
            head, tail = source.read(info.filename).split(b"<w:body>", 1)
            with target.open(info.filename, "w") as stream:
                stream.write(head + b"<w:body>")
                spool.seek(0)
                shutil.copyfileobj(spool, stream)
                stream.write(tail)
    return output.getvalue()


def render_docx(export: Export, *, chunk_rows: int | None = CHUNK_ROWS) -> bytes:
    """Return the export's document as a DOCX file (A4 landscape), written `chunk_rows` rows at a time.

    python-docx holds every element it made until it saves; here each slice of rows is built, written
    out as XML to a spool file and dropped, and the spool becomes the body of the saved skeleton.
    """
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
    _footer(page)
    usable = Mm(PAGE_MM[0] - 2 * MARGIN_MM)
    with tempfile.TemporaryFile() as spool:
        word.add_heading(document.title, level=1)
        word.add_paragraph(document.subtitle)
        _spill(word, spool)
        for table in document.tables:
            _add_table(word, table, usable, spool, chunk_rows)
        _add_notes(word, document, spool, chunk_rows)
        skeleton = io.BytesIO()
        word.save(skeleton)
        return _with_body(skeleton.getvalue(), spool)
