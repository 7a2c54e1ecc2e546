"""The pure parts of the exports: CSV numbers, layouts, status labels and the SVG chart (no database)."""

from decimal import Decimal

import pytest
from django.utils import translation

from exports.builders.common import csv_number, csv_rate
from exports.builders.form3 import form3_columns, form3_export
from exports.builders.layout import Column, group_spans
from exports.charts import chart_svg, status_chart
from exports.renderers.csv import render_csv
from exports.selectors import Form3Row
from plans.choices import Status


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (Decimal("950000.0000"), "950000"),
        (Decimal("1.5000"), "1.5"),
        (Decimal("-1.3100"), "-1.31"),
        (Decimal("0.0000"), "0"),
        (Decimal("-0.0000"), "0"),
        (Decimal("21631742000.00"), "21631742000"),
        (7, "7"),
    ],
)
def test_csv_numbers_use_a_point_and_no_grouping(value, expected):
    assert csv_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (Decimal("96.180947"), "96.1809"),
        (Decimal("18.994413"), "18.9944"),
        (Decimal("100"), "100.0000"),
        (Decimal("-26.166667"), "-26.1667"),
        (Decimal("0.00005"), "0.0001"),  # rounded half-up, as the report rounds
    ],
)
def test_rates_are_exact_to_four_decimals_and_missing_is_empty(value, expected):
    assert csv_rate(value) == expected


def test_group_spans_merge_consecutive_columns_of_one_group():
    columns = [Column("a"), Column("b", group="g"), Column("c", group="g"), Column("d"), Column("e", group="h")]
    assert group_spans(columns) == [(1, 2, "g"), (4, 4, "h")]


def _row(code: str, status: str, *, sub_program: str = "Alt 1", narrative: str = "") -> Form3Row:
    return Form3Row(
        program="Program",
        sub_program=sub_program,
        goal="",
        seq=1,
        code=code,
        name=f"Gösterge {code} ığüşöç İĞÜŞÖÇ",
        unit_of_measure="Sayı",
        prev_year=2023,
        prev_value=Decimal("10.0000"),
        target=Decimal("100.0000"),
        year_end_estimate=None,
        quarters=[Decimal(1), None, Decimal("2.5"), None],
        narratives=[narrative, "", "", ""],
        year_end_value=Decimal("3.5"),
        realization_rate=None if status == Status.NOT_COMPUTABLE else Decimal("3.5"),
        status=status,
    )


def test_form3_csv_keeps_the_turkish_status_and_empty_cells_in_english_too():
    rows = [_row("A", Status.NOT_REACHED), _row("B", Status.NOT_COMPUTABLE)]
    with translation.override("en"):
        export = form3_export(rows=rows, year=2024, administration="İdare")
        header_label = form3_columns()[1].label
    lines = render_csv(export).decode("utf-8").splitlines()
    assert lines[0].split(",")[-1] == "status"
    assert lines[1].endswith(",1,,2.5,,3.5,3.5000,Ulaşılamadı")
    assert lines[2].endswith(",3.5,,Hesaplanamadı")  # not computable: empty rate
    assert header_label == "Indicator"  # the document follows the language, the CSV does not


def test_form3_has_one_section_per_sub_programme_and_notes_only_with_narratives():
    rows = [_row("A", Status.REACHED, narrative="Açıklama"), _row("B", Status.REACHED, sub_program="Alt 2")]
    export = form3_export(rows=rows, year=2024, administration="İdare")
    assert [len(section.rows) for section in export.document.tables[0].sections] == [1, 1]
    assert [note.title for note in export.document.notes] == ["Değerlendirme 1. Dönem"]
    assert export.document.notes[0].items == [(rows[0].name, "Açıklama")]


def test_status_chart_counts_every_status_and_names_it_in_the_svg():
    chart = status_chart([Status.EXCEEDED, Status.EXCEEDED, Status.NOT_REACHED])
    assert [(label, count) for label, count, _colour in chart.bars] == [
        ("Aşıldı", 2),
        ("Ulaşıldı", 0),
        ("Kısmen Ulaşıldı", 0),
        ("Ulaşılamadı", 1),
        ("Hesaplanamadı", 0),
    ]
    svg = chart_svg(chart)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Ulaşılamadı" in svg and svg.count("<rect") == 5


def test_every_report_choice_has_exactly_one_registered_builder():
    from exports.choices import Report
    from exports.registry import REPORT_BUILDERS

    assert set(REPORT_BUILDERS) == set(Report.values)
