"""Form-4 as a civil servant opens it: the generated XLSX, DOCX and PDF converted by LibreOffice
(`soffice --headless --convert-to pdf`, scripts/system_packages.sh installs it) and read back with
pypdf — pages are laid out and every goal and indicator name is on them."""

import csv
import io
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


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (scripts/system_packages.sh)")
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_libreoffice_renders_form4_with_every_goal_name(demo, tmp_path, fmt):
    source = _form4(tmp_path, fmt)
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
    pdf = rendered / "form4.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    _check(pdf, _goals(tmp_path))


def test_the_pdf_of_form4_has_every_goal_name(demo, tmp_path):
    # LibreOffice opens a PDF only with its Draw module; the PDF is read as it was written.
    _check(_form4(tmp_path, "pdf"), _goals(tmp_path))
