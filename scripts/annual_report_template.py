"""Build the default Word template of the activity report: exports/word/faaliyet-raporu-sablonu.docx.

.venv/bin/python scripts/annual_report_template.py [PATH]

The template holds the styles the report is written with (Title, Subtitle, Heading 1–4, Caption,
TOC Heading, the table style "Rapor Tablosu"), the cover with its placeholders, the header and the
footer (page n / N and the generation date). An administration edits a copy in Word and uploads it
(docs/exports.md, "Your own Word template"); this script only makes the repository's default.
"""

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "exports" / "word" / "faaliyet-raporu-sablonu.docx"
FONT = "DejaVu Sans"
NAVY = RGBColor(0x1F, 0x3A, 0x5F)


def _field(paragraph, instruction: str, cached: str) -> None:
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "text":
            run.text = cached
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _styles(word) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    normal.paragraph_format.space_after = Pt(3)
    for name, size in (("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11), ("Heading 4", 10)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = NAVY
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    for name, size in (("Title", 26), ("Subtitle", 14), ("TOC Heading", 15)):
        styles[name].font.name = FONT
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = NAVY
    caption = styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(9)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = NAVY
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(8)
    table = styles.add_style("Rapor Tablosu", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    table.font.name = FONT
    table.font.size = Pt(7)
    # The grid's borders written on the style itself: LibreOffice does not follow a table style's base.
    grid = styles["Table Grid"].element.find(qn("w:tblPr"))
    if grid is not None:
        table.element.append(copy.deepcopy(grid))


def _cover(word) -> None:
    for _ in range(6):
        word.add_paragraph()
    word.add_paragraph("{{ baslik }}", "Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph("{{ bolum }}", "Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(3):
        word.add_paragraph()
    name = word.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run("{{ idare }}")
    run.bold = True
    run.font.size = Pt(14)
    date = word.add_paragraph("{{ olusturulma }}")
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date.add_run().add_break(WD_BREAK.PAGE)
    word.add_paragraph("{{ icerik }}")


def _header_footer(section) -> None:
    section.different_first_page_header_footer = True  # the cover has neither
    header = section.header.paragraphs[0]
    header.text = "{{ idare }} · {{ baslik }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Sayfa ")
    _field(footer, "PAGE", "1")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES", "1")
    footer.add_run("    ·    {{ olusturulma }}")
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(7)
            run.font.name = FONT


def build(path: Path) -> None:
    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(14))
    section.header_distance = section.footer_distance = Mm(7)
    _styles(word)
    _cover(word)
    _header_footer(section)
    word.core_properties.title = "Faaliyet Raporu şablonu"
    word.core_properties.author = "goc_perf"
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(path))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build(target)
    print(target)
