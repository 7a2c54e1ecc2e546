"""CSV for machines: UTF-8, comma separated, '.' decimal point, the header row fixed by the issue."""

import csv
import io

from core.spreadsheets import formula_escape
from exports.builders.layout import Export


def render_csv(export: Export) -> bytes:
    """Return the export's machine rows as CSV bytes (text cells escaped against formulas, numbers as they are)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([formula_escape(h) for h in export.csv_header])
    writer.writerows([formula_escape(c) for c in row] for row in export.csv_rows)
    return buffer.getvalue().encode("utf-8")
