"""Tablo 14: programmes, sub-programmes, their goals and the strategic aims they relate to."""

from django.utils.translation import gettext as _

from exports.builders.layout import Column, Document, Export, Row, Section, Table
from exports.selectors import StructureRow

CSV_HEADER = ["year", "program", "sub_program", "sub_program_goal", "aim_code"]


def program_structure_export(*, rows: list[StructureRow], year: int, administration: str) -> Export:
    """Return Tablo 14 of the year: each programme and sub-programme once, the aim by its text."""
    table = Table(
        title=_("Tablo 14. Program, Alt Program ve Faaliyet Bilgileri"),
        columns=[
            Column(_("Program Adı"), width=16, merge_repeats=True),
            Column(_("Alt Program Adı"), width=18, merge_repeats=True),
            Column(_("Alt Program Hedefleri"), width=56),
            Column(_("İlişkili Olduğu Stratejik Amaç"), width=40),
        ],
        sections=[Section(rows=[Row([r.program, r.sub_program, r.goal, r.aim]) for r in rows])],
        sheet="Tablo 14",
    )
    document = Document(title=_("Program yapısı — %(year)s") % {"year": year}, subtitle=administration, tables=[table])
    csv_rows = [[year, r.program, r.sub_program, r.goal, r.aim_code] for r in rows]
    return Export(document=document, csv_header=CSV_HEADER, csv_rows=csv_rows)
