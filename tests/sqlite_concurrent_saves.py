"""Driver of tests/test_embedded_default.py's concurrency test: concurrent Form-3 saves on a SQLite file.

Run as a script with DJANGO_SETTINGS_MODULE=goc_perf.settings.base and DATABASE_URL naming a SQLite
file (the embedded default): migrate, build the Form-3 scenario, save the quarter once, then post
the same form from SAVES browser tabs released together by a barrier, each thread on its own
connection as gunicorn's threads would be. Print one JSON line: the answers' statuses, how many
conflict answers carried the Turkish message, and the stored value.
"""

import json
import sys
import threading
from collections import Counter

import django

SAVES = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    import core.clock
    from indicators.models import QuarterlyValue
    from submissions.models import Submission
    from tests.scenario import OPEN_DAY, QUARTER, YEAR, build_scenario

    call_command("migrate", verbosity=0)
    core.clock.today = lambda: OPEN_DAY  # the scenario's quarter is open on that day
    scenario = build_scenario()
    unit, indicator = scenario.unit, scenario.indicators["sum"]
    url = reverse("submissions:unit_quarter", args=[unit.code, YEAR, QUARTER])
    first = Client()
    first.force_login(scenario.entry)
    saved = first.post(url, {"form_version": "1", f"i{indicator.pk}-version": "", f"i{indicator.pk}-value": "7"})
    assert saved.status_code == 302, saved.status_code
    row = QuarterlyValue.objects.get(indicator=indicator, quarter=QUARTER)
    form_version = Submission.objects.get(unit=unit, year=YEAR, quarter=QUARTER).version
    tabs = []
    for _ in range(SAVES):
        tab = Client(raise_request_exception=False)
        tab.force_login(scenario.entry)
        tabs.append(tab)
    connection.close()
    barrier = threading.Barrier(SAVES)
    statuses: Counter[int] = Counter()
    told = Counter()
    winners: list[int] = []

    def save(i: int) -> None:
        try:
            barrier.wait()
            response = tabs[i].post(
                url,
                {"form_version": str(form_version), f"i{indicator.pk}-version": str(row.version),
                 f"i{indicator.pk}-value": str(100 + i)},
            )  # fmt: skip
            statuses[response.status_code] += 1
            if response.status_code == 302:
                winners.append(100 + i)
            elif response.status_code == 409 and "Değişiklikleriniz kaydedilmedi" in response.content.decode():
                told["409 with the message"] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = QuarterlyValue.objects.get(indicator=indicator, quarter=QUARTER).value
    print(
        json.dumps(
            {
                "statuses": {str(k): v for k, v in sorted(statuses.items())},
                "told": told["409 with the message"],
                "winners": winners,
                "stored": int(stored),
                "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
