"""Upload limits of the import workbook, checked on the archive before any XML is parsed (pure, no database).

An .xlsx is a zip of XML files. A small upload can unpack to gigabytes (a zip bomb), hold thousands of
entries, or a sheet of a million rows; each would hold a worker until it is killed. `archive_check`
reads only the zip's directory (what each entry says it unpacks to: Python's zipfile never returns
more than that, so the figure cannot lie), and the reader caps rows and columns per sheet. The XML
itself is parsed by openpyxl through defusedxml (installed from requirements/base.txt), which refuses
entity expansion (billion laughs) and external entities. docs/security.md gives the measured figures.
"""

import re
import zipfile
import zlib
from typing import IO

from django.utils.translation import gettext as _

# A workbook of the import has ~25 entries; the 2024 demo unpacks to 0,5 MB at a ratio of at most 11.
MAX_ENTRIES = 500
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
# Entries smaller than this may have any ratio (a tiny file compresses oddly, and cannot hurt).
RATIO_FLOOR_BYTES = 1024 * 1024
# Rows and columns one sheet may have (a real administration's largest sheet has a few thousand rows).
MAX_ROWS = 100_000
MAX_COLUMNS = 100


# openpyxl learns a sheet's size from its <dimension> element, which every spreadsheet program writes
# before the rows; without one it parses the whole sheet just to open the workbook (a 35 MB sheet:
# two minutes). A sheet's first bytes must show the dimension before the rows.
SHEET_HEAD_BYTES = 64 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")


class ArchiveRefused(ValueError):
    """The upload is not a workbook the importer will open; the message says why, in Turkish."""


def archive_check(source: str | IO[bytes]) -> None:
    """Raise ArchiveRefused unless the .xlsx archive is within the entry, size and ratio limits."""
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
            _limits_check(entries)
            _dimensions_check(archive, entries)
    except ArchiveRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ArchiveRefused(_("Excel (.xlsx) dosyası okunamadı: %(error)s") % {"error": exc}) from exc
    finally:
        if hasattr(source, "seek"):
            source.seek(0)


def _limits_check(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise ArchiveRefused(
            _(
                "Çalışma kitabında çok fazla parça var (%(count)s; en fazla %(max)s): "
                "bu bir Excel dosyası gibi görünmüyor."
            )
            % {"count": len(entries), "max": MAX_ENTRIES}
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ArchiveRefused(
            _("Çalışma kitabı açıldığında çok büyük (%(size)s MB; en fazla %(max)s MB): verileri birkaç dosyaya bölün.")
            % {"size": total // (1024 * 1024), "max": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    for entry in entries:
        ratio = entry.file_size / max(1, entry.compress_size)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise ArchiveRefused(
                _(
                    "Çalışma kitabındaki “%(name)s” olağan dışı sıkıştırılmış (%(ratio)s kat; en fazla %(max)s): "
                    "dosya yüklenmedi."
                )
                % {"name": entry.filename, "ratio": int(ratio), "max": MAX_RATIO}
            )


def _dimensions_check(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Refuse a sheet whose first bytes do not declare its dimension before its rows."""
    for entry in entries:
        if not (entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")):
            continue
        with archive.open(entry) as part:
            head = part.read(SHEET_HEAD_BYTES)
        rows = _SHEET_DATA.search(head)
        dimension = _DIMENSION.search(head)
        if dimension is None or (rows is not None and rows.start() < dimension.start()):
            raise ArchiveRefused(
                _(
                    "Çalışma kitabındaki “%(name)s” sayfası Excel'in yazdığı biçimde değil (boyut bilgisi yok): "
                    "dosyayı Excel'de açıp yeniden kaydedin."
                )
                % {"name": entry.filename}
            )
