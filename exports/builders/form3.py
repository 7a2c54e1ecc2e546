"""Form-3 (Tablo 15): every PP indicator per sub-programme, then the four quarters' narratives."""

from itertools import groupby

from django.utils.translation import gettext as _

from exports.builders.common import (
    csv_number,
    csv_rate,
    marked,
    quarter_label,
    revisions_note,
    status_label,
    status_label_tr,
)
from exports.builders.layout import NUMBER, PERCENT, YEAR, Column, Document, Export, Note, Row, Section, Table
from exports.charts import status_chart
from exports.selectors import Form3Row

CSV_HEADER = [
    "year",
    "program",
    "sub_program",
    "seq",
    "indicator_code",
    "indicator",
    "unit",
    "prev_year",
    "prev_value",
    "target",
    "year_end_estimate",
    "q1",
    "q2",
    "q3",
    "q4",
    "year_end_value",
    "realization_rate",
    "status",
]


def form3_columns() -> list[Column]:
    previous = _("Önceki Dönem Gerçekleşme")
    quarters = _("Gerçekleşme")
    return [
        Column(_("Sıra"), YEAR, 6),
        Column(_("Gösterge Adı"), width=42),
        Column(_("Ölçü Birimi"), width=10),
        Column(_("Yılı"), YEAR, 7, group=previous),
        Column(_("Değeri"), NUMBER, 13, group=previous),
        Column(_("Hedeflenen Gösterge Değeri"), NUMBER, 13),
        Column(_("Yıl sonu Gerçekleşme Tahmini"), NUMBER, 13),
        *[Column(quarter_label(q), NUMBER, 12, group=quarters) for q in (1, 2, 3, 4)],
        Column(_("Yıl sonu Değeri"), NUMBER, 13),
        Column(_("Gerçekleşme Oranı"), PERCENT, 10),
        Column(_("Gerçekleşme Durumu"), width=16),
    ]


def unreported_title() -> str:
    """Return the title of the note listing the indicators with no quarter reported."""
    return _("Üç aylık değeri girilmemiş göstergeler (tabloda yer almaz; yıl sonu Form-4'te)")


def form3_export(
    *,
    rows: list[Form3Row],
    year: int,
    administration: str,
    revisions: dict[str, str] | None = None,
    year_over: bool = False,
) -> Export:
    """Return the Form-3 of the year: one section per programme, sub-programme and goal.

    `revisions` maps an indicator code to the note of the revisions its figures depend on. When
    `year_over`, the printed form has no row for an indicator with no quarter reported (one measured
    once a year, say): it is listed in a note under the table instead; the CSV keeps every indicator.
    """
    revisions = revisions or {}
    reported: list[Form3Row] = []
    unreported: list[Form3Row] = []
    for r in rows:
        (unreported if year_over and all(q is None for q in r.quarters) else reported).append(r)
    sections = []
    for (program, sub_program, goal), group in groupby(reported, key=lambda r: (r.program, r.sub_program, r.goal)):
        headings = [
            (_("Yıl"), str(year)),
            (_("Programın Adı"), program),
            (_("Alt Programın Adı"), sub_program),
        ]
        if goal:
            headings.append((_("Alt Program Hedefi"), goal))
        sections.append(
            Section(
                headings=headings,
                rows=[
                    Row(
                        [
                            number,
                            marked(r.name, r.code, revisions),
                            r.unit_of_measure,
                            r.prev_year,
                            r.prev_value,
                            r.target,
                            r.year_end_estimate,
                            *r.quarters,
                            r.year_end_value,
                            r.realization_rate,
                            status_label(r.status),
                        ],
                        places=r.decimals,
                    )
                    # The printed form numbers its rows (1, 2 …) in the programme's order; the CSV keeps `seq`.
                    for number, r in enumerate(group, start=1)
                ],
            )
        )
    notes = [
        Note(
            title=_("Değerlendirme %(quarter)s. Dönem") % {"quarter": quarter},
            items=[(r.name, r.narratives[quarter - 1]) for r in reported if r.narratives[quarter - 1]],
        )
        for quarter in (1, 2, 3, 4)
    ]
    if unreported:
        notes.append(Note(title=unreported_title(), items=[(r.code, r.name) for r in unreported]))
    table = Table(
        title=_("Tablo 15. Performans Göstergesi Gerçekleşmeleri İzleme Formu (3 Aylık/Form-3)"),
        columns=form3_columns(),
        sections=sections,
        sheet="Form-3",
    )
    document = Document(
        title=_("Form-3 — %(year)s") % {"year": year},
        subtitle=administration,
        tables=[table],
        notes=[note for note in notes if note.items] + revisions_note(revisions),
        chart=status_chart([r.status for r in reported]),
    )
    csv_rows = [
        [
            year,
            r.program,
            r.sub_program,
            r.seq,
            r.code,
            r.name,
            r.unit_of_measure,
            r.prev_year or "",
            csv_number(r.prev_value),
            csv_number(r.target),
            csv_number(r.year_end_estimate),
            *[csv_number(q) for q in r.quarters],
            csv_number(r.year_end_value),
            csv_rate(r.realization_rate),
            status_label_tr(r.status),
        ]
        for r in rows
    ]
    return Export(document=document, csv_header=CSV_HEADER, csv_rows=csv_rows)
