"""The Word template the activity report is laid out in: the default one, the setting, an uploaded one.

The administration can replace the template (docs/exports.md, "Your own Word template"): the file the
page uploads wins, then the file named by the setting `ANNUAL_REPORT_TEMPLATE`, then the default in
the repository (`exports/word/faaliyet-raporu-sablonu.docx`, made by `scripts/annual_report_template.py`).
Every template is checked before it is used: a real DOCX (by its bytes), within the size limits, that
python-docx opens and that holds the styles the report uses.
"""

import io
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE

from core.files import DOCX, sniff_kind

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "word" / "faaliyet-raporu-sablonu.docx"
MAX_TEMPLATE_MB = 5
# A Word document has tens of parts; its cover's pictures make it a few MB unpacked.
MAX_ENTRIES = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024

# The styles the report is written with; a template must define each (Word's built-in ones count).
PARAGRAPH_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption", "TOC Heading")
TABLE_STYLE = "Rapor Tablosu"

# Replaced wherever they stand in the template (body, headers, footers); CONTENT marks where the
# chapter goes (without it, after the template's own text).
PLACEHOLDERS = ("{{ idare }}", "{{ yil }}", "{{ baslik }}", "{{ bolum }}", "{{ olusturulma }}")
CONTENT = "{{ icerik }}"


class TemplateRefused(ValueError):
    """The template cannot be used; the message says why, in Turkish."""


def _archive_check(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as error:
        raise TemplateRefused(_("Word şablonu okunamadı: %(error)s") % {"error": error}) from error
    if len(entries) > MAX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise TemplateRefused(_("Word şablonu açıldığında çok büyük; şablon kullanılmadı."))
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size / max(1, entry.compress_size) > MAX_RATIO:
            raise TemplateRefused(
                _("Word şablonundaki “%(name)s” olağan dışı sıkıştırılmış.") % {"name": entry.filename}
            )


def missing_styles(word) -> list[str]:
    """Return the styles the report needs that the Word document lacks."""
    present = {(style.name, style.type) for style in word.styles}
    missing = [name for name in PARAGRAPH_STYLES if (name, WD_STYLE_TYPE.PARAGRAPH) not in present]
    if (TABLE_STYLE, WD_STYLE_TYPE.TABLE) not in present:
        missing.append(TABLE_STYLE)
    return missing


def template_check(content: bytes) -> None:
    """Raise TemplateRefused unless `content` is a Word template the report can be laid out in."""
    if len(content) > MAX_TEMPLATE_MB * 1024 * 1024:
        raise TemplateRefused(_("Word şablonu çok büyük (en fazla %(max)s MB).") % {"max": MAX_TEMPLATE_MB})
    if sniff_kind(io.BytesIO(content)) != DOCX:
        raise TemplateRefused(_("Yüklenen dosya bir Word (.docx) belgesi değil."))
    _archive_check(content)
    try:
        word = WordDocument(io.BytesIO(content))
    except Exception as error:  # python-docx raises many kinds for a broken part; all mean the same here
        raise TemplateRefused(_("Word şablonu açılamadı: %(error)s") % {"error": error}) from error
    missing = missing_styles(word)
    if missing:
        raise TemplateRefused(
            _("Word şablonunda şu biçemler yok: %(styles)s. Varsayılan şablonu indirip onu değiştirerek başlayın.")
            % {"styles": ", ".join(missing)}
        )


def template_bytes(uploaded: bytes | None = None) -> bytes:
    """Return the template to use: the uploaded one, else the setting's file, else the default (checked)."""
    if uploaded is not None:
        content = uploaded
    else:
        path = Path(getattr(settings, "ANNUAL_REPORT_TEMPLATE", "") or DEFAULT_TEMPLATE)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise TemplateRefused(_("Word şablonu okunamadı: %(error)s") % {"error": error}) from error
    template_check(content)
    return content
