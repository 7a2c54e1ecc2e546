"""Text cells a spreadsheet must never read as a formula: the one escaping rule of every XLSX and CSV we write.

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` (and, in CSV,
a tab or carriage return before them) as a formula, so `=HYPERLINK(...)` typed in a narrative would
become a live link in the directorate's export (OWASP "CSV injection"). Every writer — the year-end
exports (exports/renderers), the table downloads (core.tables.SafeTableExport) and the data workbook
(imports/workbook.py) — passes its text cells through `formula_escape`, which puts an apostrophe in
front; the spreadsheet then shows the text as it was typed, after the apostrophe. Numbers are never
touched (a negative number stays a number). The import reads its text cells through
`formula_unescape`, which removes exactly the apostrophe `formula_escape` added, so export → import
keeps the user's text exactly. A figure written as text (a CSV's "-6.2500", "-1,31") is a number to the
spreadsheet, not a formula, and is left as it is.
"""

import re
from typing import Any

# What makes a spreadsheet read a text cell as a formula (or hide one behind a tab or CR).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# A text that already starts with the escape is escaped too, so that reading back is exact.
_ESCAPED_PREFIXES = (*FORMULA_PREFIXES, ESCAPE)
# A number written as text: a sign, then only digits and separators. No formula fits in it.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")


def formula_escape(value: Any) -> Any:
    """Return a text cell with an apostrophe before a formula character; any other value unchanged."""
    if isinstance(value, str) and value.startswith(_ESCAPED_PREFIXES) and not _PLAIN_NUMBER.fullmatch(value):
        return ESCAPE + value
    return value


def formula_unescape(value: Any) -> Any:
    """Return a text cell without the apostrophe `formula_escape` put before it; any other value unchanged."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:].startswith(_ESCAPED_PREFIXES):
        return value[1:]
    return value
