"""Form-4 and the annual report as a civil servant opens them: the generated XLSX, DOCX and PDF
converted by LibreOffice (`soffice --headless --convert-to pdf`, scripts/system_packages.sh installs
it) and read back with pypdf — pages are laid out, every goal and indicator name and every caption is
on them, and the Word tables' fixed widths hold (a rate on one line, headers broken at their spaces)."""

import csv
import io
import re
import shutil
import subprocess  # nosec B404 - runs LibreOffice on files this test wrote
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _form4(tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"form4.{fmt}"
    call_command("export_report", year=2024, report="form4", format=fmt, out=str(out), stdout=io.StringIO())
    return out


def _goals(tmp_path: Path) -> list[str]:
    """The goals Form-4 lists, read from its own machine CSV."""
    rows = csv.DictReader(_form4(tmp_path, "csv").open(encoding="utf-8"))
    return list(dict.fromkeys(row["sub_program_goal"] for row in rows))


def _words(text: str) -> str:
    return " ".join(text.split())


def _check(pdf: Path, goals: list[str]) -> None:
    reader = PdfReader(pdf)
    assert len(reader.pages) > 0
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert goals
    # A merged goal cell wraps over many lines, read between the other columns' lines: its first
    # words are on its first line.
    missing = [goal for goal in goals if " ".join(goal.split()[:3]) not in text]
    assert missing == []
    assert "Performans Göstergesi" in text and "Aktif ikamet izni sayısı" in text


def _libreoffice_pdf(source: Path, tmp_path: Path) -> Path:
    """Convert `source` to PDF with LibreOffice and return the PDF's path."""
    rendered = tmp_path / "pdf"
    # A profile of its own, so the conversion neither waits for nor disturbs another LibreOffice.
    command = [
        str(SOFFICE),
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(rendered),
        str(source),
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=240)  # nosec B603
    pdf = rendered / f"{source.stem}.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    return pdf


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (scripts/system_packages.sh)")
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_libreoffice_renders_form4_with_every_goal_name(demo, tmp_path, fmt):
    _check(_libreoffice_pdf(_form4(tmp_path, fmt), tmp_path), _goals(tmp_path))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (scripts/system_packages.sh)")
def test_libreoffice_renders_the_annual_report_with_its_captions_and_unbroken_figures(demo, tmp_path):
    source = tmp_path / "faaliyet-raporu.docx"
    call_command(
        "export_report", year=2024, report="annual_report", format="docx", out=str(source), stdout=io.StringIO()
    )
    reader = PdfReader(_libreoffice_pdf(source, tmp_path))
    assert len(reader.pages) > 10
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert "III. FAALİYETLERE İLİŞKİN BİLGİ VE DEĞERLENDİRMELER" in text
    for number in (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17):
        assert f"Tablo {number}." in text, number
    assert "Tablo 15 (devamı)." in text
    # Tablo 7's total rate and Tablo 9's total on one line each; the headers break at their spaces
    # only (a soft hyphen used to give "Ekono-mik", "Ger-çekleşme").
    assert "Toplam 9.508.170.000 21.631.742.000 %127,51" in text
    assert "%94,21" in text
    assert "Ekonomik Kod" in text and "Gerçekleşme Yüzdesi (%)" in text
    # A word broken between syllables goes on in lower case ("Gerçek- leşme"); a compound's hyphen
    # ("Bakım- Onarımı") may end a line.
    assert re.findall(r"\w+- [a-zçğıöşü]\w*", text) == []


def test_the_pdf_of_form4_has_every_goal_name(demo, tmp_path):
    # LibreOffice opens a PDF only with its Draw module; the PDF is read as it was written.
    _check(_form4(tmp_path, "pdf"), _goals(tmp_path))
