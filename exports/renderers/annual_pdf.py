"""The activity report's chapter as PDF (WeasyPrint): cover, table of contents with page numbers, blocks."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exports.builders.annual_report import (
    AnnualReport,
    FieldLines,
    Heading,
    NoteBlock,
    Paragraph,
    TableBlock,
    caption_text,
)
from exports.builders.layout import Export, Table
from exports.renderers.pdf import table_frame, table_pieces
from exports.renderers.text import generated_label


def table_context(table: Table) -> dict:
    """Return a whole table as the template writes it (the annual report is small: no chunks)."""
    frame = table_frame(table, titled=False)
    frame["sections"] = [piece for _rows, piece in table_pieces(table, None)]
    return frame


def _blocks(report: AnnualReport) -> tuple[list[dict], list[dict]]:
    """Return the blocks as the template writes them, and the headings (with their anchors) for the contents."""
    blocks, contents = [], []
    for index, block in enumerate(report.blocks):
        if isinstance(block, Heading):
            item = {"kind": "heading", "level": block.level, "text": block.text, "anchor": f"h{index}"}
            contents.append(item)
            blocks.append(item)
        elif isinstance(block, Paragraph):
            blocks.append({"kind": "paragraph", "text": block.text})
        elif isinstance(block, FieldLines):
            blocks.append({"kind": "fields", "lines": block.lines})
        elif isinstance(block, TableBlock):
            blocks.append(
                {
                    "kind": "table",
                    "caption": caption_text(block.caption),
                    "table": table_context(block.table),
                    "notes": block.notes,
                }
            )
        elif isinstance(block, NoteBlock):
            blocks.append({"kind": "note", "note": block.note})
    return blocks, contents


def render_annual_html(export: Export) -> str:
    report = export.document
    if not isinstance(report, AnnualReport):
        raise TypeError("render_annual_pdf lays out an AnnualReport")
    blocks, contents = _blocks(report)
    return render_to_string(
        "exports/annual_report.html",
        {
            "report": report,
            "chapter": _("III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler"),
            "blocks": blocks,
            "contents": contents,
            "language": (get_language() or "tr")[:2],
            "generated": generated_label(),
        },
    )


def render_annual_pdf(export: Export, template: bytes | None = None) -> bytes:
    """Return the chapter as PDF bytes (the Word template is for the DOCX only)."""
    from weasyprint import HTML  # imported here: loading pango is slow and only PDF needs it

    return HTML(string=render_annual_html(export)).write_pdf()
