"""A Form-3 save runs the same few SQL statements for 10 rows as for 100: one locking read, set-based writes.

The save itself (submissions.services.submission_save_values) and the page's POST around it are
counted; both stay constant in the number of rows, and the save stays within its 12 statements
(docs/benchmarks.md, "Form-3 save").
"""

import re
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from core.models import AuditEntry
from indicators.models import PPIndicator, QuarterlyValue
from submissions.models import Submission
from submissions.services import RowErrors, RowInput, submission_save_values
from tests.factories import PPIndicatorFactory, QuarterlyValueFactory
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db

SAVE_STATEMENTS_MAX = 12


def _grow_to(scenario, count: int, *, with_current: bool) -> list[PPIndicator]:
    """Give the unit `count` more SUM indicators with Q1–Q2 values (and Q3 when `with_current`)."""
    sample = scenario.indicators["sum"]
    grown = []
    for _ in range(count):
        indicator = PPIndicatorFactory(sub_program=sample.sub_program, responsible_unit=scenario.unit)
        for quarter in (1, 2, 3) if with_current else (1, 2):
            QuarterlyValueFactory(indicator=indicator, quarter=quarter, value=Decimal(250))
        grown.append(indicator)
    return grown


def _rows(indicators: list[PPIndicator], value: str) -> list[RowInput]:
    versions = dict(
        QuarterlyValue.objects.filter(indicator__in=indicators, quarter=QUARTER).values_list("indicator_id", "version")
    )
    return [
        RowInput(indicator_id=i.pk, version=versions.get(i.pk), value=Decimal(value), narrative="Kıyaslama.")
        for i in indicators
    ]


def _save_statements(scenario, count: int, *, with_current: bool) -> list[str]:
    grown = _grow_to(scenario, count, with_current=with_current)
    rows = _rows(grown, "260")
    version = Submission.objects.get_or_create(unit=scenario.unit, year=YEAR, quarter=QUARTER)[0].version
    ContentType.objects.get_for_model(QuarterlyValue)  # cached per process, as in a running server
    with CaptureQueriesContext(connection) as captured:
        submission_save_values(
            unit=scenario.unit,
            year=YEAR,
            quarter=QUARTER,
            rows=rows,
            actor=scenario.entry,
            expected_version=version,
            today=clock.today(),
        )
    stored = QuarterlyValue.objects.filter(indicator__in=grown, quarter=QUARTER)
    assert sorted(stored.values_list("value", flat=True)) == [Decimal(260)] * count
    assert AuditEntry.objects.filter(object_id__in=[str(pk) for pk in stored.values_list("pk", flat=True)]).count() == (
        count
    )
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("with_current", [True, False], ids=["rows updated", "rows created"])
def test_a_save_runs_the_same_few_statements_for_10_and_100_rows(scenario, with_current):
    ten = _save_statements(scenario, 10, with_current=with_current)
    QuarterlyValue.objects.filter(indicator__responsible_unit=scenario.unit).delete()
    PPIndicator.objects.filter(responsible_unit=scenario.unit).exclude(
        pk__in=[i.pk for i in scenario.indicators.values()]
    ).delete()
    hundred = _save_statements(scenario, 100, with_current=with_current)

    assert len(hundred) == len(ten) <= SAVE_STATEMENTS_MAX, "\n".join(hundred)
    locking = [sql for sql in hundred if "FOR UPDATE" in sql and "indicators_quarterlyvalue" in sql]
    assert len(locking) == 1  # one locking read of the rows, not one per row
    writes = [sql for sql in hundred if re.match(r"(INSERT INTO|UPDATE) .indicators_quarterlyvalue", sql)]
    assert len(writes) == 1
    assert len([sql for sql in hundred if sql.startswith('INSERT INTO "core_auditentry"')]) == 1
    # No existence check of the indicator or the user per row (clean_fields), no read of the form twice.
    assert not [sql for sql in hundred if 'FROM "accounts_user"' in sql]
    assert len([sql for sql in hundred if 'FROM "indicators_ppindicator"' in sql]) <= 1


def _post_count(client, scenario, count: int) -> int:
    _grow_to(scenario, count - len(scenario.indicators), with_current=True)
    Submission.objects.get_or_create(unit=scenario.unit, year=YEAR, quarter=QUARTER)  # saved before, like most
    url = reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])
    page = client.get(url).content.decode()
    data = dict(re.findall(r'name="(form_version|i\d+-version)" value="(\d*)"', page))
    scenario_ids = {i.pk for i in scenario.indicators.values()}
    for name in re.findall(r'name="(i\d+-value)"', page):
        if int(name[1:].split("-")[0]) not in scenario_ids:
            data[name] = "270"
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == 302
    assert QuarterlyValue.objects.filter(quarter=QUARTER, value=Decimal(270)).count() == count - len(
        scenario.indicators
    )
    return len(captured)


def test_the_pages_save_runs_the_same_statements_for_10_and_100_rows(client, scenario):
    client.login(username=scenario.entry.username, password=PASSWORD)
    ten = _post_count(client, scenario, 10)
    QuarterlyValue.objects.filter(indicator__responsible_unit=scenario.unit).delete()
    PPIndicator.objects.filter(responsible_unit=scenario.unit).exclude(
        pk__in=[i.pk for i in scenario.indicators.values()]
    ).delete()
    assert _post_count(client, scenario, 100) == ten


def test_a_row_created_meanwhile_outside_the_form_refuses_the_save_naming_who_created_it(scenario, monkeypatch):
    """The Django admin or the import writes a quarter without the form's lock: a save that was
    creating the same row is refused for that row, told who saved it, and nothing of it is stored."""
    grown = _grow_to(scenario, 2, with_current=False)
    rows = _rows(grown, "260")
    someone = QuarterlyValueFactory(
        indicator=grown[0], quarter=QUARTER, value=Decimal(300), updated_by=scenario.approver
    )

    # As if the other write committed between the save's locking read and its insert.
    def read_before_the_other_write(*, indicators, quarter):
        earlier = QuarterlyValue.objects.filter(indicator__in=indicators, quarter__lt=quarter)
        found: dict = {}
        for row in earlier:
            found.setdefault(row.indicator_id, {})[row.quarter] = row
        return found

    monkeypatch.setattr("indicators.services.form_values.quarter_rows_for_update", read_before_the_other_write)
    with pytest.raises(RowErrors) as refused:
        submission_save_values(
            unit=scenario.unit,
            year=YEAR,
            quarter=QUARTER,
            rows=rows,
            actor=scenario.entry,
            expected_version=Submission.objects.get_or_create(unit=scenario.unit, year=YEAR, quarter=QUARTER)[
                0
            ].version,
            today=clock.today(),
        )
    assert list(refused.value.extra["rows"]) == [grown[0].pk]
    assert "bu dönemi siz düzenlerken kaydetti" in refused.value.extra["rows"][grown[0].pk]
    assert str(scenario.approver) in refused.value.extra["rows"][grown[0].pk]
    stored = QuarterlyValue.objects.filter(indicator__in=grown, quarter=QUARTER)
    assert list(stored.values_list("pk", "value")) == [(someone.pk, Decimal(300))]  # the other row not written either
