"""Form-4 (Tablo 16): the year-end result of every PP indicator."""

from django.utils.translation import gettext as _

from exports.builders.common import csv_number, csv_rate, marked, revisions_note, status_label, status_label_tr
from exports.builders.layout import NUMBER, Column, Document, Export, Row, Section, Table
from exports.charts import status_chart
from exports.selectors import Form4Line

CSV_HEADER = [
    "year",
    "program",
    "sub_program",
    "sub_program_goal",
    "indicator_code",
    "indicator",
    "target",
    "year_end_value",
    "realization_rate",
    "status",
]


def form4_export(
    *,
    lines: list[Form4Line],
    year: int,
    administration: str,
    frozen: bool,
    revisions: dict[str, str] | None = None,
) -> Export:
    """Return the Form-4 of the year in the Tablo 16 layout.

    The official form's seven columns: the programme, sub-programme and goal once per group (merged
    cells), then each indicator's target, year-end value and status. The realization rate is not a
    column of Form-4 (it is Form-3's); the machine CSV keeps it.
    """
    revisions = revisions or {}
    columns = [
        Column(_("Program"), width=16, merge_repeats=True),
        Column(_("Alt Program"), width=18, merge_repeats=True),
        Column(_("Alt Program Hedefi"), width=40, merge_repeats=True),
        Column(_("Performans Göstergesi"), width=42),
        Column(_("Hedeflenen Gösterge Değeri"), NUMBER, 14),
        Column(_("Yıl sonu Gerçekleşme Değeri"), NUMBER, 14),
        Column(_("Gerçekleşme Durumu"), width=16),
    ]
    rows = [
        Row(
            [
                line.program,
                line.sub_program,
                line.goal,
                marked(line.name, line.code, revisions),
                line.target,
                line.year_end_value,
                status_label(line.status),
            ],
            places=line.decimals,
        )
        for line in lines
    ]
    subtitle = administration
    if frozen:
        subtitle = _("%(administration)s · yıl kapatıldı, Form-4 donduruldu") % {"administration": administration}
    table = Table(
        title=_("Tablo 16. Performans Göstergesi Sonuçları Formu (Form-4)"),
        columns=columns,
        sections=[Section(rows=rows)],
        sheet="Form-4",
    )
    csv_rows = [
        [
            year,
            line.program,
            line.sub_program,
            line.goal,
            line.code,
            line.name,
            csv_number(line.target),
            csv_number(line.year_end_value),
            csv_rate(line.realization_rate),
            status_label_tr(line.status),
        ]
        for line in lines
    ]
    document = Document(
        title=_("Form-4 — %(year)s") % {"year": year},
        subtitle=subtitle,
        tables=[table],
        chart=status_chart([line.status for line in lines]),
        notes=revisions_note(revisions),
    )
    return Export(document=document, csv_header=CSV_HEADER, csv_rows=csv_rows)
