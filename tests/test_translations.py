"""Every user-facing string is translatable and the English catalogue is complete and compiled."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale/en/LC_MESSAGES/django.po"
MO = ROOT / "locale/en/LC_MESSAGES/django.mo"
SOURCE_SKIP = {".venv", "staticfiles", "media", "tests", "migrations", ".git", "node_modules"}

# Python files whose Turkish string literals are not translated, each with the reason.
UNTRANSLATED_ALLOWED = {
    "core/text.py": "Turkish letters as data (the case pairs and the alphabet), not messages",
    "exports/renderers/csv.py": "the headers of the CSV (Excel, Türkçe): Turkish in every language, as its name says",
    "plans/calculations.py": "units of measure as data and Turkish letters for folding, not messages",
    "indicators/checks.py": "the units of measure that count things, as data (its messages are translated)",
    "indicators/tasks.py": "log lines for the operators, not shown to users",
    "indicators/recompute_requests.py": "log lines for the operators, not shown to users",
    "api/filters.py": "a filter's description in the OpenAPI schema, not a page",
    "benchmarks/synthetic.py": "names of the synthetic benchmark data",
    "benchmarks/form3.py": "the narrative the benchmark saves, as data",
    "benchmarks/pages.py": "names of the data the page benchmark creates",
    "imports/demo.py": "the demo's users and audit reason (data)",
    "core/backup.py": "errors of the backup/restore commands, console output for operators",
    "indicators/services/sweep.py": "a log line for the operators, not shown to users",
    "core/schedules.py": "names of the periodic-job records in django-celery-beat (data, edited in the admin)",
    "scripts/annual_report_template.py": "the default Word template's Turkish text (data edited in Word)",
    "exports/renderers/metrics.py": "the characters whose widths the font table holds (data, not messages)",
    "budget/catalogue.py": "the official names of the national economic classification (data, as budgets print them)",
}
# Single Turkish literals that are data in a module whose messages are otherwise translated.
UNTRANSLATED_LITERALS_ALLOWED = {
    "imports/readers/base.py": {"hayır"},  # a word a yes/no cell accepts as input
}
UNTRANSLATED_ALLOWED_DIRS = {
    "management/commands": "console output of operators' commands (Turkish, like the official documents)",
}
TURKISH_LETTER = re.compile(r"[ğüşöçıİĞÜŞÖÇ]")
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO))


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = [e for e in _catalogue() if not e.obsolete]
    assert len(entries) > 300
    assert [e.msgid for e in entries if not e.translated()] == []
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []


def test_placeholders_match_in_every_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    wrong = []
    for e in _catalogue():
        if e.obsolete or not e.translated():
            continue
        translations = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
        for text in translations:
            if sorted(placeholder.findall(e.msgid)) != sorted(placeholder.findall(text)):
                wrong.append(e.msgid)
    assert wrong == []


def test_the_compiled_catalogue_is_up_to_date():
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(MO))}
    source = {
        (e.msgctxt, e.msgid): e.msgstr or {int(k): v for k, v in e.msgstr_plural.items()}
        for e in _catalogue()
        if not e.obsolete and e.translated()
    }
    compiled = {key: value for key, value in compiled.items() if key[1]}  # drop the header entry
    stale = sorted(str(k) for k in source if compiled.get(k) != source[k])
    assert stale == [], "run: python manage.py compilemessages --ignore=.venv"


@pytest.mark.slow
def test_makemessages_finds_no_new_string(tmp_path):
    """Run makemessages on a copy of the sources: no message may be missing from the catalogue."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*SOURCE_SKIP, "*.pyc", "__pycache__", "db.sqlite3"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=.venv", "--ignore=staticfiles"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "goc_perf.settings.base"},
    )
    result = polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))
    extracted = {(e.msgctxt, e.msgid) for e in result if not e.obsolete}
    known = {(e.msgctxt, e.msgid) for e in _catalogue() if not e.obsolete}
    assert sorted(str(m) for m in extracted - known) == [], "run makemessages and translate the new strings"


def _python_sources() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not SOURCE_SKIP & set(p.relative_to(ROOT).parts))


def _untranslated_literals(path: Path, root: Path = ROOT) -> list[str]:
    """Return the Turkish string literals of a module that no gettext call wraps (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {
        node.body[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or node in docstrings:
            continue
        if not TURKISH_LETTER.search(node.value):
            continue
        parent = parents.get(node)
        while isinstance(parent, ast.BinOp | ast.JoinedStr | ast.FormattedValue):
            parent = parents.get(parent)
        called = getattr(parent, "func", None) if isinstance(parent, ast.Call) else None
        if getattr(called, "id", getattr(called, "attr", None)) in GETTEXT_CALLS:
            continue
        found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_every_turkish_message_in_python_is_translatable():
    found = []
    for path in _python_sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative in UNTRANSLATED_ALLOWED or any(d in relative for d in UNTRANSLATED_ALLOWED_DIRS):
            continue
        allowed = UNTRANSLATED_LITERALS_ALLOWED.get(relative, set())
        found += [f for f in _untranslated_literals(path) if f.split(": ", 1)[1] not in {repr(a) for a in allowed}]
    assert found == [], "wrap these in gettext (or say in UNTRANSLATED_ALLOWED why they are not messages)"


def test_the_python_scan_sees_an_unwrapped_message(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('from django.utils.translation import gettext as _\nA = _("Kayıt")\nB = "Kayıt edildi"\n')
    found = [line.split(": ", 1)[1] for line in _untranslated_literals(module, tmp_path)]
    assert found == ["'Kayıt edildi'"]


TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
BLOCK_TRANSLATE = re.compile(r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", re.S)
WORD = re.compile(r"[A-Za-z_ÇĞİÖŞÜçğıöşü]{2,}")
TEMPLATE_WORDS_ALLOWED = {"goc_perf"}


def _template_text(text: str) -> list[str]:
    """Return the words a template shows outside {% translate %} / {% blocktranslate %}."""
    text = BLOCK_TRANSLATE.sub(" ", text)
    text = re.sub(r"<(script|style).*?</\1>", " ", text, flags=re.S)
    text = TEMPLATE_TAG.sub(" ", text)
    shown = [m.group(1) for m in re.finditer(r'(?:title|placeholder|aria-label|alt)="([^"]*)"', text)]
    shown += re.sub(r"<[^>]*>", "\n", text).splitlines()
    return [w for chunk in shown for w in WORD.findall(chunk) if w not in TEMPLATE_WORDS_ALLOWED]


def test_templates_show_no_untranslated_text():
    found = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        words = _template_text(path.read_text(encoding="utf-8"))
        if words:
            found[str(path.relative_to(ROOT))] = words
    assert found == {}


def test_the_template_scan_sees_untranslated_text():
    assert _template_text('<p>{% translate "Kaydet" %}</p><button title="Sil">Gönder</button>') == ["Sil", "Gönder"]
