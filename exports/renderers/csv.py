"""CSV for machines: UTF-8, comma separated, '.' decimal point, the header row fixed by the issue."""

import csv
import io

from exports.builders.layout import Export


def render_csv(export: Export) -> bytes:
    """Return the export's machine rows as CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(export.csv_header)
    writer.writerows(export.csv_rows)
    return buffer.getvalue().encode("utf-8")
