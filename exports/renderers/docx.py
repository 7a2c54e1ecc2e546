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
from docx.shared import Emu, Mm, Pt, Twips
from docx.table import _Cell
from lxml import etree

from core.text import turkish_hyphenate
from exports.builders.chunks import CHUNK_ROWS, RowSlice, item_slices, row_slices
from exports.builders.layout import Export, Section, Table, group_spans, has_groups, row_spans
from exports.renderers.metrics import longest_word_mm, text_mm
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
TABLE_PT = 7
# Left and right cell margins of 0,9 mm (Word's default is 1,9 mm): room for the figures.
_CELL_MARGIN_TWIPS = 51
_TWIPS_PER_MM = 1440 / 25.4
# Both cell margins, and a little slack so that a word measured to fit is never pushed to the next line.
_CELL_PADDING_MM = 2 * _CELL_MARGIN_TWIPS / _TWIPS_PER_MM + 0.8
# A text cell's widest word makes its column at least this wide at most (a long address wraps anyway).
_TEXT_WORD_MM = 40.0


def _fill(widths: list[float], ceilings: list[float], weights: list[float], room: float) -> float:
    """Share `room` among the columns by weight, none past its ceiling; return what is left over."""
    open_ = [index for index, weight in enumerate(weights) if weight and widths[index] < ceilings[index]]
    while room > 0.01 and open_:
        total = sum(weights[index] for index in open_)
        given = 0.0
        for index in open_:
            grant = min(room * weights[index] / total, ceilings[index] - widths[index])
            widths[index] += grant
            given += grant
        room -= given
        open_ = [index for index in open_ if widths[index] < ceilings[index] - 0.01]
    return room


def column_widths(table: Table, usable_mm: float) -> list[float]:
    """Return each column's width in mm, measured in the font: the table fills `usable_mm`.

    A header breaks only at its spaces (every column is as wide as its header's widest word, a
    grouped header as wide over its columns); a figure, a percentage or a year never wraps (its
    column is as wide as its widest cell); the text columns (names, goals) share the rest by the
    layout's weights, none wider than its longest text, so a code column stays as narrow as its
    header. When even that does not fit, every column is narrowed in proportion (the headers'
    soft hyphens then break their long words between syllables).
    """
    columns = table.columns
    numeric = [is_numeric(column) for column in columns]
    floors = [longest_word_mm(column.label, TABLE_PT, bold=True) + _CELL_PADDING_MM for column in columns]
    ceilings = list(floors)
    for index, column in enumerate(columns):
        # Each distinct text once (a merged column repeats its group's text on every row).
        texts = {
            (cell_text(row.cells[index], column, row.places), row.emphasis)
            for section in table.sections
            for row in section.rows
        }
        if numeric[index]:
            widest = max((text_mm(text, TABLE_PT, bold=bold) for text, bold in texts), default=0.0)
            floors[index] = ceilings[index] = max(floors[index], widest + _CELL_PADDING_MM)
            continue
        # The longest text by its letters: measuring every name of a long table is not needed.
        longest = max(texts, key=lambda item: len(item[0]), default=("", False))
        words = {(word, bold) for text, bold in texts for word in text.split()}
        word = max((text_mm(word, TABLE_PT, bold=bold) for word, bold in words), default=0.0)
        floors[index] = max(floors[index], min(word, _TEXT_WORD_MM) + _CELL_PADDING_MM)
        ceilings[index] = max(floors[index], text_mm(longest[0], TABLE_PT, bold=longest[1]) + _CELL_PADDING_MM)
    widths = list(floors)
    for first, last, label in group_spans(columns):
        missing = longest_word_mm(label, TABLE_PT, bold=True) + _CELL_PADDING_MM - sum(widths[first : last + 1])
        for index in range(first, last + 1):
            widths[index] += max(missing, 0) / (last - first + 1)
    needed = sum(widths)
    if needed > usable_mm:
        return [width * usable_mm / needed for width in widths]
    weights = [0.0 if numeric[index] else float(column.width) for index, column in enumerate(columns)]
    room = _fill(widths, ceilings, weights, usable_mm - needed)
    # Every text column holds its longest text on one line: the rest goes by weight to the figures and
    # to the texts longer than their header (the names, not a code column, which stays narrow).
    wider = [
        float(column.width) if numeric[index] or ceilings[index] > floors[index] else 0.0
        for index, column in enumerate(columns)
    ]
    _fill(widths, [usable_mm] * len(columns), wider, room)
    return widths


def _narrow_cell_margins(word_table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(_CELL_MARGIN_TWIPS))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    word_table._tbl.tblPr.append(margins)


def _width(element, tag: str, twips: int) -> None:
    width = element.find(qn(tag))
    if width is None:
        width = OxmlElement(tag)
        element.append(width)
    width.set(qn("w:w"), str(twips))
    width.set(qn("w:type"), "dxa")


def set_widths(word_table, widths_mm: list[float]) -> None:
    """Fix the table's layout to these column widths, so Word and LibreOffice keep them.

    A fixed layout (w:tblLayout fixed, python-docx's autofit off), the table's own width, the grid
    (w:gridCol) and every cell's width in every row, a merged cell the sum of the columns it spans:
    Word lays a fixed table out by its grid and first row, LibreOffice by the cells' widths.
    """
    word_table.autofit = False
    twips = [round(width * _TWIPS_PER_MM) for width in widths_mm]
    table = word_table._tbl
    _width(table.tblPr, "w:tblW", sum(twips))
    for grid_col, width in zip(table.tblGrid.gridCol_lst, twips, strict=True):
        grid_col.w = Twips(width)
    for tr in table.tr_lst:
        position = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            _width(tc.get_or_add_tcPr(), "w:tcW", sum(twips[position : position + span]))
            position += span


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


# The indentation of a row's first cell per level of the budget hierarchy (as the PDF's td.level-N).
LEVEL_INDENT_MM = 4


def _set_text(
    cell, text: str, *, bold: bool = False, right: bool = False, size: float = TABLE_PT, level: int = 0
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if level:
        paragraph.paragraph_format.left_indent = Mm(LEVEL_INDENT_MM * level)


def _header_text(label: str, width_mm: float) -> str:
    """Return a header label as written: broken only at its spaces when its widest word fits the column.

    Word and LibreOffice use a soft hyphen to fill a line even when the word would fit on the next
    one ("Yıl sonu Ger-/çekleşme"), so the syllables are marked only where a word is wider than its column.
    """
    if longest_word_mm(label, TABLE_PT, bold=True) + _CELL_PADDING_MM <= width_mm + 0.01:
        return label
    return turkish_hyphenate(label)


def _header(word_table, table: Table, widths: list[float]) -> int:
    columns = table.columns
    grouped = has_groups(columns)
    top = word_table.rows[0].cells
    if grouped:
        bottom = word_table.rows[1].cells
        for index, column in enumerate(columns):
            if not column.group:
                top[index].merge(bottom[index])
                _set_text(top[index], _header_text(column.label, widths[index]), bold=True)
            else:
                _set_text(bottom[index], _header_text(column.label, widths[index]), bold=True)
        for first, last, label in group_spans(columns):
            merged = top[first].merge(top[last]) if last > first else top[first]
            _set_text(merged, _header_text(label, sum(widths[first : last + 1])), bold=True)
    else:
        for index, column in enumerate(columns):
            _set_text(top[index], _header_text(column.label, widths[index]), bold=True)
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


def add_label_lines(word, lines: list[tuple[str, str]], *, separator: str) -> None:
    """Add one paragraph a line: the label in bold, then its text."""
    for label, text in lines:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{label}{separator}" if text else label).bold = True
        if text:
            paragraph.add_run(text)


def slice_table(word, table: Table, piece: RowSlice, widths: list[float]):
    """Return a Word table of the header rows and one slice of a section's rows."""
    numeric = [is_numeric(column) for column in table.columns]
    header_rows = 2 if has_groups(table.columns) else 1
    word_table = word.add_table(rows=header_rows + len(piece.rows), cols=len(table.columns))
    word_table.style = "Table Grid"
    _narrow_cell_margins(word_table)
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header(word_table, table, widths)
    set_widths(word_table, widths)
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
                _set_text(
                    cell,
                    cell_text(value, column, row.places),
                    bold=row.emphasis,
                    right=numeric[index],
                    level=row.level if index == 0 else 0,
                )
    return word_table


def _add_table(word, table: Table, usable: int, spool, chunk_rows: int | None) -> None:
    """Write a table section by section, each section one Word table written a slice of rows at a time."""
    word.add_heading(table.title, level=2)
    widths = column_widths(table, Emu(usable).mm)
    header_rows = 2 if has_groups(table.columns) else 1
    for section in table.sections:
        add_label_lines(word, section.headings, separator=": ")
        _spill(word, spool)
        for piece in row_slices(section.rows, table.columns, chunk_rows):
            word_table = slice_table(word, table, piece, widths)
            element = word_table._tbl
            word.element.body.remove(element)
            if piece.first:
                spool.write(_xml(element).rsplit(b"</w:tbl>", 1)[0])
            else:
                spool.writelines(_xml(tr) for tr in element.tr_lst[header_rows:])
        spool.write(b"</w:tbl>")
        add_label_lines(word, section.trailers, separator=": ")
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
