"""The Form-3 save and page measured in process for bench_form3: CPU beside the plain transaction, statements.

The plain transaction is the physical work of a save and nothing else: lock the quarter's rows, rewrite
them with one UPDATE, record one audit entry each with one INSERT, in raw SQL. The save is the
product's own service (submissions.services.submission_save_values) called as the page calls it:
with the unit's indicators the page has read to parse the form (their read is the page's, not the save's).
"""

import json
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Unit, User
from core import clock
from indicators.models import QuarterlyValue
from submissions.models import Submission
from submissions.selectors import form_indicators, unit_indicators
from submissions.services import RowInput, submission_save_values

# Only table and column names of this project's own models are written into the SQL; values are parameters.
LOCK_SQL = (
    "SELECT id, version, value FROM indicators_quarterlyvalue WHERE indicator_id = ANY(%s) AND quarter = %s "
    "ORDER BY id FOR UPDATE"
)
UPDATE_SQL = (
    "UPDATE indicators_quarterlyvalue AS q SET value = v.value, narrative = v.narrative, version = q.version + 1, "
    "updated_by_id = %s, updated_at = now() FROM unnest(%s::bigint[], %s::numeric[], %s::text[]) AS v(id, value, "
    "narrative) WHERE q.id = v.id"
)
AUDIT_SQL = (
    "INSERT INTO core_auditentry (at, actor_id, content_type_id, object_id, object_repr, action, changes, reason) "
    "SELECT now(), %s, %s, o, r, 'update', c::jsonb, '' FROM unnest(%s::text[], %s::text[], %s::text[]) AS a(o, r, c)"
)


def plain_save(*, indicator_ids: list[int], codes: dict[int, str], quarter: int, value: Decimal, actor: User) -> None:
    """Lock, update and audit the rows in one transaction of three raw statements (the yardstick)."""
    content_type = ContentType.objects.get_for_model(QuarterlyValue).pk
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(LOCK_SQL, [indicator_ids, quarter])
        rows = cursor.fetchall()
        cursor.execute(UPDATE_SQL, [actor.pk, [r[0] for r in rows], [value] * len(rows), ["Kıyas."] * len(rows)])
        by_row = dict(zip([r[0] for r in rows], indicator_ids, strict=False))
        cursor.execute(
            AUDIT_SQL,
            [
                actor.pk,
                content_type,
                [str(r[0]) for r in rows],
                [f"{codes[by_row[r[0]]]} Q{quarter}" for r in rows],
                [json.dumps({"value": [str(r[2]), str(value)]}) for r in rows],
            ],
        )


def prepared_save(*, unit: Unit, year: int, quarter: int, value: Decimal, actor: User) -> Callable[[], Any]:
    """Return the product's save of every indicator of the unit's quarter, its versions read beforehand."""
    versions = dict(
        QuarterlyValue.objects.filter(indicator__responsible_unit=unit, quarter=quarter).values_list(
            "indicator_id", "version"
        )
    )
    rows = [
        RowInput(indicator_id=pk, version=version, value=value, narrative="Kıyas.") for pk, version in versions.items()
    ]
    form_version = Submission.objects.get_or_create(unit=unit, year=year, quarter=quarter)[0].version
    indicators = list(unit_indicators(unit=unit, year=year))
    return partial(
        submission_save_values,
        unit=unit,
        year=year,
        quarter=quarter,
        rows=rows,
        actor=actor,
        expected_version=form_version,
        today=clock.today(),
        indicators=indicators,
    )


def _timed(call: Callable[[], Any]) -> tuple[float, float]:
    """Return the (CPU, wall) seconds of one call."""
    started_cpu, started = time.process_time(), time.perf_counter()
    call()
    return time.process_time() - started_cpu, time.perf_counter() - started


def save_beside_plain(*, unit: Unit, year: int, quarter: int, actor: User, repeat: int) -> dict[str, float]:
    """Return the median CPU and wall seconds of the save and of the plain transaction, taken in turns."""
    indicators = list(form_indicators(unit=unit, year=year))
    ids, codes = [i.pk for i in indicators], {i.pk: i.code for i in indicators}
    figures: dict[str, list[float]] = {"save_cpu": [], "save_wall": [], "plain_cpu": [], "plain_wall": []}
    for n in range(repeat + 1):
        value = Decimal(1000 + n % 2)
        save_cpu, save_wall = _timed(prepared_save(unit=unit, year=year, quarter=quarter, value=value, actor=actor))
        plain = partial(plain_save, indicator_ids=ids, codes=codes, quarter=quarter, value=value + 2, actor=actor)
        plain_cpu, plain_wall = _timed(plain)
        if n:  # the first round warms the caches (content types, connection)
            figures["save_cpu"].append(save_cpu)
            figures["save_wall"].append(save_wall)
            figures["plain_cpu"].append(plain_cpu)
            figures["plain_wall"].append(plain_wall)
    return {name: statistics.median(values) for name, values in figures.items()}


def save_statements(*, unit: Unit, year: int, quarter: int, actor: User) -> int:
    """Return how many SQL statements one save of every indicator of the unit's quarter runs."""
    save = prepared_save(unit=unit, year=year, quarter=quarter, value=Decimal(1003), actor=actor)
    with CaptureQueriesContext(connection) as captured:
        save()
    return len(captured)
