"""The activity report's chapter as DOCX, laid out in the administration's Word template.

The template (exports.word_template) gives the page, the styles, the cover and the header and
footer; its placeholders are filled in and the chapter goes where `{{ icerik }}` stands: a table of
contents (a Word TOC field, filled in when Word opens the file), the headings in the template's
Heading 1–4, each table under its caption (Caption style, with a SEQ field carrying the report's
number) in the table style "Rapor Tablosu", the notes under the tables.
"""

import io

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from exports.builders.annual_report import (
    AnnualReport,
    Caption,
    FieldLines,
    Heading,
    NoteBlock,
    Paragraph,
    TableBlock,
    caption_text,
    outline,
)
from exports.builders.chunks import row_slices
from exports.builders.layout import Export, Table
from exports.renderers.docx import add_label_lines, column_widths, slice_table
from exports.renderers.text import generated_label
from exports.word_template import CONTENT, TABLE_STYLE, template_bytes

NOTE_PT = 7


def _fld(run, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instruction(paragraph, text: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {text} "
    run._r.append(element)


def _simple_field(paragraph, instruction: str, cached: str) -> None:
    """Add a field with its current result written in, so a reader that does not update fields shows it."""
    _fld(paragraph.add_run(), "begin")
    _instruction(paragraph, instruction)
    _fld(paragraph.add_run(), "separate")
    paragraph.add_run(cached)
    _fld(paragraph.add_run(), "end")


def _replace_in_paragraph(paragraph, values: dict[str, str]) -> None:
    if not any(key in paragraph.text for key in values):
        return
    runs = [run for run in paragraph.runs if run.text]
    for run in runs:
        for key, value in values.items():
            run.text = run.text.replace(key, value)
    if any(key in paragraph.text for key in values) and runs:
        # Word split a placeholder over several runs: join the text runs into the first.
        text = "".join(run.text for run in runs)
        for key, value in values.items():
            text = text.replace(key, value)
        runs[0].text = text
        for run in runs[1:]:
            run.text = ""


def _paragraphs_everywhere(word):
    yield from word.paragraphs
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in word.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                yield from part.paragraphs


def _placeholders(report: AnnualReport) -> dict[str, str]:
    return {
        "{{ idare }}": report.administration,
        "{{ yil }}": str(report.year),
        "{{ baslik }}": report.title,
        "{{ bolum }}": _("III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler"),
        "{{ olusturulma }}": generated_label(),
    }


def _detach_after_content(word) -> list:
    """Remove the `{{ icerik }}` paragraph; return the body elements after it, taken out to be put back."""
    body = word.element.body
    marker = next((p for p in word.paragraphs if p.text.strip() == CONTENT), None)
    if marker is None:
        return []
    tail = []
    element = marker._p.getnext()
    while element is not None and element.tag != qn("w:sectPr"):
        tail.append(element)
        element = element.getnext()
    for element in tail:
        body.remove(element)
    body.remove(marker._p)
    return tail


def _reattach(word, tail: list) -> None:
    body = word.element.body
    section = body.find(qn("w:sectPr"))
    for element in tail:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)


def _toc(word, report: AnnualReport) -> None:
    """A TOC field over Heading 1–4, its entries written in until Word fills in the page numbers."""
    word.add_paragraph(_("İçindekiler"), "TOC Heading")
    headings = outline(report)
    first = word.add_paragraph()
    _fld(first.add_run(), "begin")
    _instruction(first, 'TOC \\o "1-4" \\h \\z \\u')
    _fld(first.add_run(), "separate")
    paragraphs = [first, *[word.add_paragraph() for _ in headings[1:]]]
    for paragraph, heading in zip(paragraphs, headings, strict=True):
        paragraph.paragraph_format.left_indent = Pt(12 * (heading.level - 1))
        paragraph.add_run(heading.text)
    _fld(paragraphs[-1].add_run(), "end")


def _update_fields_on_open(word) -> None:
    """Ask Word to update the fields (the table of contents' page numbers) when it opens the file."""
    settings = word.settings.element
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    settings.append(element)


def _caption(word, caption: Caption) -> None:
    paragraph = word.add_paragraph(style="Caption")
    if caption.number:
        paragraph.add_run(f"{caption.label} ")
        # The report's own number (Tablo 7 … 17), kept when Word updates the fields; a later part repeats it.
        instruction = f"SEQ {caption.label} \\c" if caption.continued else f"SEQ {caption.label} \\r {caption.number}"
        _simple_field(paragraph, instruction, str(caption.number))
        rest = caption_text(caption).split(str(caption.number), 1)[1]
        paragraph.add_run(rest)
    else:
        paragraph.add_run(caption.text)


def _small(word, text: str, *, bold_label: str = "") -> None:
    paragraph = word.add_paragraph()
    if bold_label:
        paragraph.add_run(f"{bold_label}: ").bold = True
    paragraph.add_run(text)
    for run in paragraph.runs:
        run.font.size = Pt(NOTE_PT)


def _add_table(word, table: Table, usable: int) -> None:
    """One Word table per section (its heading lines before it, its trailers after), in the template's style."""
    widths = column_widths(table, Emu(usable).mm)
    for section in table.sections:
        add_label_lines(word, section.headings, separator=": ")
        for piece in row_slices(section.rows, table.columns, None):
            slice_table(word, table, piece, widths).style = TABLE_STYLE
        add_label_lines(word, section.trailers, separator=": ")


def _usable_width(word) -> int:
    section = word.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def _block(word, block, usable: int) -> None:
    if isinstance(block, Heading):
        word.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        word.add_paragraph(block.text)
    elif isinstance(block, FieldLines):
        for label, text in block.lines:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(f"{label} : ").bold = True
            paragraph.add_run(text)
    elif isinstance(block, TableBlock):
        _caption(word, block.caption)
        _add_table(word, block.table, usable)
        for note in block.notes:
            _small(word, note)
    elif isinstance(block, NoteBlock):
        title = word.add_paragraph()
        title.paragraph_format.keep_with_next = True
        title.add_run(block.note.title).bold = True
        for label, text in block.note.items:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)


def render_annual_docx(export: Export, template: bytes | None = None) -> bytes:
    """Return the chapter as a DOCX in the template (the uploaded one, the setting's or the default)."""
    report = export.document
    if not isinstance(report, AnnualReport):
        raise TypeError("render_annual_docx lays out an AnnualReport")
    word = WordDocument(io.BytesIO(template_bytes(template)))
    values = _placeholders(report)
    for paragraph in list(_paragraphs_everywhere(word)):
        _replace_in_paragraph(paragraph, values)
    tail = _detach_after_content(word)
    _toc(word, report)
    usable = _usable_width(word)
    for block in report.blocks:
        _block(word, block, usable)
    _reattach(word, tail)
    _update_fields_on_open(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
