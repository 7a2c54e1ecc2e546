"""Upload limits that hold: a zip bomb, too many parts, a hostile compression ratio, billion laughs,
too many rows or columns each get a Turkish message before the file is parsed (or while it streams),
nothing is stored and nothing answers 500."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEntry
from imports import archive, workbook
from imports.dataset import DatasetError
from imports.workbook import read_workbook, workbook_build

MINIMAL = {
    "units": [{"code": "GM", "name": "Genel Müdürlük", "parent_code": "", "kind": "directorate_general"}],
    "quarterly_values": [{"indicator_code": "X", "year": 2024, "quarter": 1, "value": Decimal("424242")}],
}


def _message(content: bytes) -> str:
    with pytest.raises(DatasetError) as caught:
        read_workbook(io.BytesIO(content))
    return " ".join(str(e) for e in caught.value.errors)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return out.getvalue()


def _workbook_with(extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    """Return a valid workbook's parts plus `extra` parts (or parts replaced)."""
    source = zipfile.ZipFile(io.BytesIO(workbook_build(MINIMAL, with_instructions=False)))
    parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    for name, data in (replace or {}).items():
        parts[name] = data
    return _zip({**parts, **extra})


def test_a_zip_bomb_is_refused_before_parsing():
    bomb = _workbook_with({"xl/media/bomba.bin": b"\0" * (archive.MAX_UNCOMPRESSED_BYTES + 1)})
    assert len(bomb) < 1024 * 1024  # a small upload ...
    message = _message(bomb)  # ... that would unpack to more than the limit
    assert "açıldığında çok büyük" in message and "en fazla 50 MB" in message


def test_a_hostile_compression_ratio_is_refused():
    message = _message(_workbook_with({"xl/worksheets/sheet9.xml": b" " * (3 * 1024 * 1024)}))
    assert "olağan dışı sıkıştırılmış" in message and "sheet9.xml" in message


def test_too_many_parts_are_refused():
    message = _message(_workbook_with({f"xl/media/parca{i}.bin": b"x" for i in range(archive.MAX_ENTRIES)}))
    assert "çok fazla parça" in message


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 bozuk", b"bu bir metin dosyasi"])
def test_not_a_zip_is_refused_with_a_message(content):
    assert "Excel" in _message(content)


def _sheet_part(content: bytes, sheet: str) -> str:
    book = zipfile.ZipFile(io.BytesIO(content))
    index = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
    names = workbook.WORKBOOK_SHEETS
    return sorted(index, key=lambda n: int(n.removeprefix("xl/worksheets/sheet").removesuffix(".xml")))[
        names.index(sheet)
    ]


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + b'<dimension ref="A1"/><sheetData>'
    + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_billion_laughs_is_refused_with_a_message():
    content = workbook_build(MINIMAL, with_instructions=False)
    part = _sheet_part(content, "units")
    message = _message(_workbook_with({}, replace={part: LAUGHS}))
    assert "okunamadı" in message


def test_billion_laughs_in_the_workbook_part_is_refused_with_a_message():
    workbook_xml = LAUGHS.replace(b"<worksheet", b"<workbook").replace(b"</worksheet>", b"</workbook>")
    message = _message(_workbook_with({}, replace={"xl/workbook.xml": workbook_xml}))
    assert "Excel (.xlsx) dosyası okunamadı" in message


def test_a_sheet_past_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)
    rows = [{"indicator_code": "X", "year": 2024, "quarter": q % 4 + 1, "value": q} for q in range(11)]
    message = _message(workbook_build({**MINIMAL, "quarterly_values": rows}, with_instructions=False))
    assert "quarterly_values" in message and "en fazla 10 satır" in message


def test_a_row_past_the_column_limit_is_refused():
    content = workbook_build(MINIMAL, with_instructions=False)
    part = _sheet_part(content, "units")
    cells = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(archive.MAX_COLUMNS + 1))
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:A2"/><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row><row r="2">' + cells + b"</row>"
        b"</sheetData></worksheet>"
    )
    message = _message(_workbook_with({}, replace={part: sheet}))
    assert "çok fazla sütun" in message


def test_a_sheet_without_its_dimension_is_refused_before_it_is_parsed():
    content = workbook_build(MINIMAL, with_instructions=False)
    part = _sheet_part(content, "units")
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b"".join(b'<row r="%d"><c><v>1</v></c></row>' % n for n in range(1, 1000))
        + b"</sheetData></worksheet>"
    )
    message = _message(_workbook_with({}, replace={part: sheet}))
    assert "boyut bilgisi yok" in message and part in message


@pytest.mark.django_db
def test_the_upload_page_answers_a_bomb_with_400_and_stores_nothing(client, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.login(username="strateji", password="Demo-strateji-2024")
    entries = AuditEntry.objects.count()
    bomb = _workbook_with({"xl/media/bomba.bin": b"\0" * (archive.MAX_UNCOMPRESSED_BYTES + 1)})
    response = client.post("/ice-aktarma/", {"workbook": SimpleUploadedFile("veri.xlsx", bomb)})
    assert response.status_code == 400
    assert "açıldığında çok büyük" in response.content.decode()
    assert AuditEntry.objects.count() == entries
    assert not list(tmp_path.rglob("*.xlsx"))
