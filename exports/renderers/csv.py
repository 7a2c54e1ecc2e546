"""The two CSVs of a report, from the same machine rows.

- `render_csv`, for machines: UTF-8, comma separated, '.' decimal point, the English header row fixed
  by the documented contract (docs/exports.md), values exact to 4 decimals.
- `render_csv_excel`, "CSV (Excel, Türkçe)", for a double click in Turkish Excel: UTF-8 with a BOM,
  `;` separated, decimal comma, Turkish headers, codes such as 03.2 kept as text
  (core.spreadsheets.excel_csv_text), `=`-prefixed text neutralised. Same rows, same figures.
"""

import csv
import io

from core.spreadsheets import excel_csv, excel_csv_number, excel_csv_text, formula_escape
from exports.builders.layout import Export

# Each machine column's Turkish header and whether it holds a figure (decimal comma) or text.
# Turkish whatever the user's language: it is the Turkish edition of the file (tests/test_translations).
EXCEL_COLUMNS: dict[str, tuple[str, bool]] = {
    "year": ("Yıl", True),
    "program": ("Program", False),
    "sub_program": ("Alt Program", False),
    "sub_program_goal": ("Alt Program Hedefi", False),
    "seq": ("Sıra", True),
    "indicator_code": ("Gösterge Kodu", False),
    "indicator": ("Gösterge", False),
    "unit": ("Ölçü Birimi", False),
    "prev_year": ("Önceki Dönem Yılı", True),
    "prev_value": ("Önceki Dönem Değeri", True),
    "target": ("Hedeflenen Gösterge Değeri", True),
    "year_end_estimate": ("Yıl sonu Gerçekleşme Tahmini", True),
    "q1": ("1. Üç Aylık", True),
    "q2": ("2. Üç Aylık", True),
    "q3": ("3. Üç Aylık", True),
    "q4": ("4. Üç Aylık", True),
    "year_end_value": ("Yıl sonu Değeri", True),
    "realization_rate": ("Gerçekleşme Oranı (%)", True),
    "status": ("Gerçekleşme Durumu", False),
    "aim_code": ("Amaç Kodu", False),
    "target_code": ("Hedef Kodu", False),
    "target_performance": ("Hedef Performansı (%)", True),
    "weight": ("Hedefe Etkisi (%)", True),
    "baseline": ("Plan Dönemi Başlangıç Değeri (A)", True),
    "year_target": ("Yıl sonu Hedeflenen Değer (B)", True),
    "actual": ("Gerçekleşme Değeri (C)", True),
    "performance_raw": ("Performans, sınırsız (%)", True),
    "performance": ("Performans (%)", True),
    "econ_code": ("Ekonomik Kod", False),
    "description": ("Açıklama", False),
    "kbo": ("KBÖ", True),
    "added": ("Eklenen Ödenek", True),
    "deducted": ("Düşülen Ödenek", True),
    "total": ("Toplam Ödenek", True),
    "spent": ("Harcama", True),
    "remaining": ("Kalan", True),
    "realization_pct": ("Gerçekleşme Yüzdesi (%)", True),
    "prev_kbo": ("Önceki Yıl KBÖ", True),
    "kbo_change_pct": ("KBÖ Artışı (%)", True),
    "next_kbo": ("Sonraki Yıl KBÖ", True),
    "level": ("Düzey", False),
    "name": ("Ad", False),
    "parent": ("Üst Düzey", False),
    "spent_to_kbo_pct": ("Gerçekleşme/Ödenek (KBÖ) (%)", True),
    "spent_to_total_pct": ("Gerçekleşme/Toplam Ödenek (%)", True),
    "unit_code": ("Birim Kodu", False),
    "criterion": ("Ölçüt", False),
    "subject": ("Konu", False),
    "quarter": ("Dönem", True),
    "finding": ("Bulgu", False),
    "url": ("Bağlantı", False),
}


def render_csv(export: Export) -> bytes:
    """Return the export's machine rows as CSV bytes (text cells escaped against formulas, numbers as they are)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([formula_escape(h) for h in export.csv_header])
    writer.writerows([formula_escape(c) for c in row] for row in export.csv_rows)
    return buffer.getvalue().encode("utf-8")


def render_csv_excel(export: Export) -> bytes:
    """Return the export's machine rows as the Turkish-Excel CSV (the same figures, decimal comma)."""
    columns = [EXCEL_COLUMNS[name] for name in export.csv_header]
    if "unit_code" in export.csv_header:  # Tablo 11: "unit" is the spending unit, not a unit of measure
        columns[export.csv_header.index("unit")] = ("Birim", False)
    rows = (
        [
            excel_csv_number(cell) if numeric else excel_csv_text(cell)
            for cell, (_label, numeric) in zip(row, columns, strict=True)
        ]
        for row in export.csv_rows
    )
    return excel_csv([label for label, _numeric in columns], rows)
