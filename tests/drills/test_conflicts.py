"""Drill: 200 pairs of saves of the same unit-quarter at the same moment; none may silently win.

Four kinds of pair, 50 each, both saves released together by a barrier on real PostgreSQL
connections: two browser tabs posting the Form-3 page; the form service on a quarter never saved;
the value service on a saved quarter; the value service on a quarter never saved. A pair passes
when exactly one save succeeds, the other is told (409 / ConcurrentEditError with its message),
and the stored value is the winner's.
"""

import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.exceptions import ConcurrentEditError
from indicators.models import QuarterlyValue
from indicators.services import quarterly_value_save
from submissions.models import Submission
from submissions.services import RowInput, submission_save_values
from tests.drills.figures import report
from tests.scenario import OPEN_DAY, QUARTER, YEAR

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

PAIRS = 200
KINDS = ("Form-3 page, two tabs", "form service, new quarter", "value service, saved row", "value service, new row")


def _pair(calls):
    """Run two calls released at once; return each one's outcome ("ok", "told" or the error)."""
    barrier = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcomes[i] = calls[i]()
        except ConcurrentEditError as exc:
            outcomes[i] = "told" if exc.message else "told without a message"
        except Exception as exc:
            outcomes[i] = f"error: {exc!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_conflicting_edits(scenario):
    unit, indicator = scenario.unit, scenario.indicators["sum"]
    url = reverse("submissions:unit_quarter", args=[unit.code, YEAR, QUARTER])
    tabs = [Client(), Client()]
    for tab in tabs:
        tab.force_login(scenario.entry)
    tally: Counter[str] = Counter()
    failures: list[str] = []

    def reset_quarter() -> None:
        QuarterlyValue.objects.filter(indicator__responsible_unit=unit, quarter=QUARTER).delete()
        Submission.objects.filter(unit=unit, year=YEAR, quarter=QUARTER).delete()

    for pair in range(PAIRS):
        kind = pair % 4
        values = (Decimal(pair * 10 + 1), Decimal(pair * 10 + 2))
        if kind in (1, 3):
            reset_quarter()
        stored = QuarterlyValue.objects.filter(indicator=indicator, quarter=QUARTER).first()
        row_version = stored.version if stored else None
        submission = Submission.objects.filter(unit=unit, year=YEAR, quarter=QUARTER).first()
        form_version = submission.version if submission else 1

        def call(i: int, kind=kind, values=values, row_version=row_version, form_version=form_version):
            if kind == 0:
                data = {
                    "form_version": str(form_version),
                    f"i{indicator.pk}-version": "" if row_version is None else str(row_version),
                    f"i{indicator.pk}-value": str(values[i]),
                }
                response = tabs[i].post(url, data)
                if response.status_code == 409:
                    told = "Değişiklikleriniz kaydedilmedi" in response.content.decode()
                    raise ConcurrentEditError("409" if told else "")
                return "ok" if response.status_code == 302 else f"status {response.status_code}"
            if kind == 1:
                submission_save_values(
                    unit=unit, year=YEAR, quarter=QUARTER, actor=scenario.entry, expected_version=form_version,
                    today=OPEN_DAY, rows=[RowInput(indicator_id=indicator.pk, version=row_version, value=values[i])],
                )  # fmt: skip
                return "ok"
            quarterly_value_save(
                indicator=indicator, quarter=QUARTER, actor=scenario.entry, expected_version=row_version,
                value=values[i], recompute=False,
            )  # fmt: skip
            return "ok"

        outcomes = _pair([lambda: call(0), lambda: call(1)])
        final = QuarterlyValue.objects.get(indicator=indicator, quarter=QUARTER).value
        winners = [i for i in (0, 1) if outcomes[i] == "ok"]
        if sorted(map(str, outcomes)) == ["ok", "told"] and final == values[winners[0]]:
            tally[f"{KINDS[kind]}: one saved, the other told"] += 1
            continue
        if len(winners) == 2 or (winners and final != values[winners[0]]):
            tally["silent overwrites"] += 1
        else:
            tally["losers not told (error or no message)"] += 1
        failures.append(f"pair {pair} ({KINDS[kind]}): {outcomes}, stored {final}")

    report(
        "Conflicting edits",
        [
            ("pairs of simultaneous saves", PAIRS),
            *sorted(tally.items()),
            ("silent overwrites (goal 0)", tally["silent overwrites"]),
            ("losing saves not told (goal 0)", tally["losers not told (error or no message)"]),
        ],
    )
    assert failures == [], failures[:10]
