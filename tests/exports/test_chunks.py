"""PDF and DOCX laid out a few rows at a time read the same as one laid out at once (issue 18)."""

import io
import re
from collections import Counter

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from exports.builders.chunks import row_slices
from exports.builders.layout import NUMBER, TEXT, Column, Row
from exports.renderers.docx import render_docx
from exports.renderers.pdf import document_chunks, render_pdf
from exports.services import export_build

YEAR = 2024
SMALL = 5  # rows a chunk: the demo's 22 indicators become several chunks


# --- pure: where the slices end --------------------------------------------------------------------


def _rows(groups: str) -> list[Row]:
    """One row per letter, the letter the merged group cell: 'aaab' is a run of three, then one."""
    return [Row([letter, index]) for index, letter in enumerate(groups)]


COLUMNS = [Column("group", TEXT, merge_repeats=True), Column("n", NUMBER)]


def test_a_slice_ends_where_a_merged_run_ends_once_it_is_full():
    slices = list(row_slices(iter(_rows("aaabbbbbcc")), COLUMNS, 2))  # a generator is read as it goes
    assert [[row.cells[1] for row in piece.rows] for piece in slices] == [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9]]
    assert [(piece.first, piece.last) for piece in slices] == [(True, False), (False, False), (False, True)]
    # The b run is longer than twice the size: cut inside it, and the next slice says it goes on.
    assert [piece.continued for piece in slices] == [set(), set(), {0}]


def test_without_merged_columns_slices_have_exactly_the_size_and_none_means_one():
    columns = [Column("group"), Column("n", NUMBER)]
    assert [len(piece.rows) for piece in row_slices(_rows("aaaaaaa"), columns, 3)] == [3, 3, 1]
    assert [len(piece.rows) for piece in row_slices(_rows("aaaaaaa"), columns, None)] == [7]


# --- PDF ---------------------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _body_rows(export, size) -> list[list[str]]:
    """Every body row of the chunks' tables as its cells' texts, merged cells carried down."""
    rows, above = [], {}
    for chunk in document_chunks(export.document, size):
        for table in chunk["tables"]:
            for section in table["sections"]:
                for row in section["rows"]:
                    texts, column = [], 0
                    cells = iter(row["cells"])
                    while column < table["column_count"]:
                        if above.get(column, (0, ""))[0] > 0:  # under a rowspan of an earlier row
                            left, text = above[column]
                            above[column] = (left - 1, text)
                        else:
                            text, _numeric, span = next(cells)
                            above[column] = (span - 1, text)
                        texts.append(text)
                        column += 1
                    rows.append(texts)
    return rows


@pytest.mark.parametrize("report", ["form3", "form4"])
def test_a_pdf_in_chunks_has_the_same_rows_and_numbers_its_pages_of_the_whole(demo, report):
    export = export_build(administration=demo, year=YEAR, report=report)
    assert len(list(document_chunks(export.document, SMALL))) > 2
    assert _body_rows(export, SMALL) == _body_rows(export, None)
    one = [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(export, chunk_rows=None))).pages]
    many = [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(export, chunk_rows=SMALL))).pages]
    header = "Gösterge Adı" if report == "form3" else "Performans Göstergesi"
    for pages in (one, many):
        for number, text in enumerate(pages, start=1):
            assert f"Sayfa {number} / {len(pages)}" in text
            assert text.count(" / ") == 1  # one page number, not the chunk's own on top of the stamp
            assert "Oluşturulma:" in text
        table_pages = [text for text in pages if "Tablo 1" in text or "Üç Aylık" in text or "Hedeflenen" in text]
        assert all(header in text for text in table_pages)  # the header repeated on every page of the table
    # Every indicator's name, in the same order, and every figure of the single document.
    column = 1 if report == "form3" else 3
    names = [row.cells[column] for table in export.document.tables for part in table.sections for row in part.rows]
    for pages in (one, many):
        text = _squash(" ".join(pages))
        positions = [text.find(_squash(name)) for name in names]
        assert -1 not in positions and positions == sorted(positions)
    assert Counter(_figures(many)) == Counter(_figures(one))  # a page's text comes out in drawing order


def _figures(pages: list[str]) -> list[str]:
    """The figures of the pages (1.009.098, 18,99, %96,18) in reading order; footers and headers left out."""
    words = []
    for text in pages:
        body = min(text.split(marker)[0] for marker in ("Sayfa ", "Oluşturulma:"))
        words += [word for word in body.split() if any(c.isdigit() for c in word) and not re.fullmatch(r"\d\.", word)]
    return words


# --- DOCX --------------------------------------------------------------------------------------------


def _word(content: bytes) -> tuple[list, list[str]]:
    """Each table as rows of (text, merged with the cell above) per column, and the paragraphs' texts."""
    word = WordDocument(io.BytesIO(content))
    tables = []
    for table in word.tables:
        rows = [row._tr.tc_lst for row in table.rows]
        tables.append(
            [
                [(table.cell(r, c).text, tc.vMerge == "continue") for c, tc in enumerate(cells)]
                for r, cells in enumerate(rows)
            ]
        )
    return tables, [paragraph.text for paragraph in word.paragraphs]


@pytest.mark.parametrize("report", ["form3", "form4", "sp_evaluation"])
def test_a_docx_written_in_chunks_is_the_same_document(demo, report):
    export = export_build(administration=demo, year=YEAR, report=report)
    one, many = render_docx(export, chunk_rows=None), render_docx(export, chunk_rows=SMALL)
    assert _word(many) == _word(one)
    tables, _paragraphs = _word(many)
    if report == "form4":
        # The programme's cell is one merged cell over every row, across the chunks.
        column = [merged for _text, merged in (row[0] for row in tables[0][1:])]
        assert column[0] is False and all(column[1:])
    footer = WordDocument(io.BytesIO(many)).sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "Oluşturulma:" in footer


def test_every_page_of_a_pdf_in_chunks_has_the_same_generation_date(demo, monkeypatch):
    # The chunks of a long export take minutes: each must not print its own time.
    times = iter(f"Oluşturulma: 03.12.2026 14:{minute:02d}" for minute in range(60))
    monkeypatch.setattr("exports.renderers.pdf.generated_label", lambda: next(times))
    export = export_build(administration=demo, year=YEAR, report="form4")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(export, chunk_rows=SMALL))).pages]
    assert len(pages) > 1
    assert {re.search(r"Oluşturulma: \S+ \d\d:\d\d", text).group(0) for text in pages} == {
        "Oluşturulma: 03.12.2026 14:00"
    }
