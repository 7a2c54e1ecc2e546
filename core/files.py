"""What kind of file an upload really is, read from its bytes (magic numbers), never from its name.

Pure: a readable, seekable binary file in, the detected kind out; no database, no settings. PDF, PNG
and JPEG are told by their first bytes; XLSX and DOCX are ZIP archives whose `[Content_Types].xml`
names the workbook's or the document's main part (read with bounds, so a crafted archive cannot make
the check itself expensive).
"""

import zipfile
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FileKind:
    """A kind of file the application accepts: its content type and the file-name extension it gets."""

    content_type: str
    extension: str


PDF = FileKind("application/pdf", "pdf")
PNG = FileKind("image/png", "png")
JPEG = FileKind("image/jpeg", "jpg")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
EVIDENCE_KINDS = (PDF, XLSX, DOCX, PNG, JPEG)

MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
ZIP_MAGIC = b"PK\x03\x04"
# The main part an Office Open XML package declares in [Content_Types].xml, per kind (macro-enabled
# workbooks and documents declare other types and are refused).
OOXML_MAIN_PARTS = (
    (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX),
    (b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX),
)
CONTENT_TYPES_PART = "[Content_Types].xml"
# Bounds of the archive check: an Office file has tens of entries and a content-types part of a few KB.
MAX_ZIP_ENTRIES = 10_000
MAX_CONTENT_TYPES_BYTES = 1_000_000


def sniff_kind(handle: IO[bytes]) -> FileKind | None:
    """Return the kind of the file by its bytes, or None when it is none of the accepted kinds."""
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(ZIP_MAGIC):
        return _ooxml_kind(handle)
    return None


def _ooxml_kind(handle: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            part = next((e for e in entries if e.filename == CONTENT_TYPES_PART), None)
            if part is None or part.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            with archive.open(part) as stream:
                declared = stream.read(MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return None
    finally:
        handle.seek(0)
    if len(declared) > MAX_CONTENT_TYPES_BYTES:
        return None
    for main_part, kind in OOXML_MAIN_PARTS:
        if main_part in declared:
            return kind
    return None
