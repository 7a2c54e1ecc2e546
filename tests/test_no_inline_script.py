"""No inline script, event handler or style anywhere a page comes from (the CSP would block them)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", "staticfiles", "node_modules", "tests", "vendor", "media", ".git"}

INLINE = {
    "inline <script> (use static/js/*.js; data goes in json_script blocks)": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE
    ),
    "event handler attribute (bind it in static/js/*.js)": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "style attribute (use a class in static/css/app.css)": re.compile(r"\sstyle\s*=\s*[\"']", re.IGNORECASE),
    "<style> element (use static/css/app.css)": re.compile(r"<style[\s>]", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


# Templates that are never served to a browser, so the policy does not apply to them; with the reason.
NOT_SERVED = {
    "templates/exports/document.html": "WeasyPrint's source for the PDF exports (its <style> sets the page)",
    "templates/exports/annual_report.html": "WeasyPrint's source of the annual report's PDF (its <style>)",
    "templates/exports/_table.html": "one table of WeasyPrint's PDF sources (its column widths are style attributes)",
}


def _sources() -> list[Path]:
    """Templates, the project's own JavaScript and the Python that could write HTML."""
    files = []
    for pattern in ("**/*.html", "static/js/*.js", "**/*.py"):
        files += [p for p in ROOT.glob(pattern) if not SKIP_DIRS & set(p.relative_to(ROOT).parts)]
    return sorted(p for p in set(files) if p.relative_to(ROOT).as_posix() not in NOT_SERVED)


def test_sources_are_found():
    names = {p.name for p in _sources()}
    assert {"base.html", "login.html", "forms.js", "charts.js", "views.py"} <= names


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_or_style(path):
    text = path.read_text(encoding="utf-8")
    found = [
        f"{path.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}: {what}: {m.group(0).strip()}"
        for what, pattern in INLINE.items()
        for m in pattern.finditer(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    "snippet",
    [
        '<select onchange="this.form.submit()">',
        '<div style="height: 3px">',
        "<script>alert(1)</script>",
        "<style>.a{}</style>",
        '<a href="javascript:void(0)">',
    ],
)
def test_the_scan_catches_each_kind(snippet):
    assert any(pattern.search(snippet) for pattern in INLINE.values())


@pytest.mark.parametrize(
    "snippet",
    ['<script src="/static/js/app.js"></script>', '<script id="chart" type="application/json">{}</script>'],
)
def test_the_scan_allows_files_and_data_blocks(snippet):
    assert not any(pattern.search(snippet) for pattern in INLINE.values())
