"""bulk_upsert and bulk_rewrite: one statement per batch, exact values, awkward text, only changed rows rewritten."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.db import bulk_rewrite, bulk_upsert
from indicators.models import PPIndicatorResult, QuarterlyValue
from reports.models import PrintedFigure
from tests.factories import AdministrationFactory, PPIndicatorFactory, QuarterlyValueFactory, UserFactory

pytestmark = pytest.mark.django_db

AWKWARD = ['tırnak "içinde"', "ters \\ bölü", "virgül, {ayraç}", "NULL", "", "İıĞğŞş — ’"]


def _rows(admin, values):
    return [
        {"administration_id": admin.pk, "year": 2024, "table": "t", "row_key": f"r{i}", "column": "c", "value": value}
        for i, value in enumerate(values)
    ]


def test_inserts_then_updates_in_one_statement_with_text_kept_exactly():
    admin = AdministrationFactory()
    keys = ["administration", "year", "table", "row_key", "column"]
    with CaptureQueriesContext(connection) as captured:
        bulk_upsert(PrintedFigure, _rows(admin, AWKWARD), unique_fields=keys, update_fields=["value"])
    assert len([q for q in captured if "SAVEPOINT" not in q["sql"]]) == 1
    stored = list(PrintedFigure.objects.order_by("row_key").values_list("value", flat=True))
    assert stored == AWKWARD
    bulk_upsert(PrintedFigure, _rows(admin, [v + "!" for v in AWKWARD]), unique_fields=keys, update_fields=["value"])
    assert list(PrintedFigure.objects.order_by("row_key").values_list("value", flat=True)) == [v + "!" for v in AWKWARD]
    assert PrintedFigure.objects.count() == len(AWKWARD)


def test_unchanged_rows_keep_their_touch_field():
    indicator = PPIndicatorFactory()
    row = {
        "indicator_id": indicator.pk,
        "year_end_value": Decimal("-1.31"),
        "realization_rate": Decimal("-26.2"),
        "status": "not_reached",
        "projected_status": "not_computable",
        "projected_status_trend": "not_computable",
    }
    first = timezone.now()
    fields = ["year_end_value", "realization_rate", "status"]
    bulk_upsert(
        PPIndicatorResult,
        [{**row, "computed_at": first}],
        unique_fields=["indicator"],
        update_fields=fields,
        touch_fields=["computed_at"],
    )
    later = timezone.now()
    bulk_upsert(
        PPIndicatorResult,
        [{**row, "computed_at": later}],
        unique_fields=["indicator"],
        update_fields=fields,
        touch_fields=["computed_at"],
    )
    result = PPIndicatorResult.objects.get()
    assert (result.year_end_value, result.computed_at) == (Decimal("-1.31"), first)
    bulk_upsert(
        PPIndicatorResult,
        [{**row, "status": "reached", "computed_at": later}],
        unique_fields=["indicator"],
        update_fields=fields,
        touch_fields=["computed_at"],
    )
    result.refresh_from_db()
    assert (result.status, result.computed_at) == ("reached", later)


def test_many_rows_are_written_in_bounded_statements_every_row_kept():
    admin = AdministrationFactory()
    keys = ["administration", "year", "table", "row_key", "column"]
    with CaptureQueriesContext(connection) as captured:
        bulk_upsert(PrintedFigure, _rows(admin, AWKWARD), unique_fields=keys, update_fields=["value"], batch_size=4)
    assert len([q for q in captured if "SAVEPOINT" not in q["sql"]]) == 2  # 6 rows, 4 a statement
    assert list(PrintedFigure.objects.order_by("row_key").values_list("value", flat=True)) == AWKWARD


def test_bulk_rewrite_writes_the_named_fields_of_every_object_in_one_statement():
    rows = [QuarterlyValueFactory(quarter=1, value=Decimal(i), narrative="eski") for i in range(3)]
    editor = UserFactory()
    for i, row in enumerate(rows):
        row.value, row.narrative, row.updated_by = Decimal(f"{i}.5"), AWKWARD[i], editor
        row.confirmed_warnings = [{"code": "c", "message": AWKWARD[i]}]
        row.warning_comment = "değişmeyecek"  # not named: stays as stored
    with CaptureQueriesContext(connection) as captured:
        bulk_rewrite(rows, ["value", "narrative", "updated_by", "confirmed_warnings"])
    assert len([q for q in captured if "SAVEPOINT" not in q["sql"]]) == 1
    stored = list(QuarterlyValue.objects.filter(pk__in=[r.pk for r in rows]).order_by("pk"))
    assert [(s.value, s.narrative, s.updated_by_id, s.warning_comment) for s in stored] == [
        (Decimal(f"{i}.5"), AWKWARD[i], editor.pk, "") for i in range(3)
    ]
    assert [s.confirmed_warnings[0]["message"] for s in stored] == AWKWARD[:3]
