"""Drill: PostgreSQL restarted during a burst of Form-3 saves (a throwaway cluster, never the shared one).

A cluster of its own under /tmp, 20 unit users saving their forms in a loop against gunicorn, and
a fast restart of the cluster in the middle of the burst — once with Django's default connections
and once with psycopg's pool (DATABASE_POOL=true). Every save answered with success must be in the
database (its audit entry holds the value), and the same gunicorn must serve saves again afterwards.
"""

import re
import threading
import time
import uuid

import psycopg
import pytest

from benchmarks.loadtest import Session, gunicorn, parallel
from tests.drills.figures import report
from tests.drills.servers import ThrowawayPostgres, manage

pytestmark = pytest.mark.drill

USERS, SAVES = 20, 15
PASSWORD = "Kiyaslama-parola-2026"  # bench_form3's users, built by its _build


class Saver(Session):
    """A unit user saving its one-indicator form again and again, each time a new value."""

    def __init__(self, base: str, number: int, year: int) -> None:
        super().__init__(base, f"burst{number:03d}", PASSWORD)
        self.number = number
        self.path = f"/izleme/B{number:03d}/{year}/4/"
        self.answers: list[tuple[str, int, float]] = []  # (value, status, when)

    def save(self, value: str) -> int:
        _, status, html = self.get(self.path)
        if status != 200:
            self.answers.append((value, status or -1, time.monotonic()))
            return status
        data = {"csrfmiddlewaretoken": self.token(html)}
        data.update(dict(re.findall(r'name="(form_version|i\d+-version)" value="(\d*)"', html)))
        for name in re.findall(r'name="(i\d+-value)"', html):
            data[name] = value
        _, status, location = self.post(self.path, data)
        ok = status == 302 and location.endswith(self.path)
        self.answers.append((value, 302 if ok else status, time.monotonic()))
        return status


def _saved_values(url: str) -> set[str]:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        rows = conn.execute(
            "SELECT a.changes -> 'value' ->> 1 FROM core_auditentry a JOIN django_content_type t "
            "ON t.id = a.content_type_id WHERE t.model = 'quarterlyvalue'"
        ).fetchall()
    return {row[0] for row in rows}


def _burst(cluster: ThrowawayPostgres, env: dict[str, str], label: str, year: int) -> list[tuple[str, object]]:
    with gunicorn(workers=2, env=env) as base:
        savers = [Saver(base, n, year) for n in range(USERS)]
        parallel([s.log_in for s in savers], width=5)
        restart = {"at": 0.0, "seconds": 0.0}
        successes = threading.Semaphore(0)

        def work(saver: Saver) -> None:
            for attempt in range(SAVES):
                if saver.save(f"{saver.number * 1000 + attempt + 1}") == 302:
                    successes.release()
                time.sleep(0.05)

        threads = [threading.Thread(target=work, args=(s,)) for s in savers]
        for thread in threads:
            thread.start()
        for _ in range(USERS * SAVES // 3):  # a third of the burst through: restart
            successes.acquire(timeout=120)
        restart["at"] = time.monotonic()
        restart["seconds"] = cluster.restart()
        for thread in threads:
            thread.join()
        after = [s.save(f"{s.number * 1000 + 999}") for s in savers]  # the same gunicorn, no restart
    answers = [a for s in savers for a in s.answers]
    ok = [value for value, status, _ in answers if status == 302]
    saved = _saved_values(cluster.url)
    lost = [value for value in ok if value not in saved]
    failed = [a for a in answers if a[1] != 302]
    first_ok_after = min((when for _, status, when in answers if status == 302 and when > restart["at"]), default=None)
    return [
        (f"{label}: saves attempted", len(answers)),
        (f"{label}: answered saved", len(ok)),
        (f"{label}: answered with an error (during the restart)", len(failed)),
        (f"{label}: answers by status", dict(sorted(__import__("collections").Counter(a[1] for a in failed).items()))),
        (f"{label}: restart took", f"{restart['seconds']:.1f} s"),
        (f"{label}: first successful save after the restart began",
         "none" if first_ok_after is None else f"{first_ok_after - restart['at']:.1f} s later"),
        (f"{label}: answered saved but missing in the database (goal 0)", len(lost)),
        (f"{label}: saves after the burst that failed, same gunicorn (goal 0)", sum(1 for s in after if s != 302)),
    ]  # fmt: skip


def test_postgres_restarted_during_a_burst_of_saves():
    cluster = ThrowawayPostgres("pg")
    queue = f"drill-{uuid.uuid4().hex[:8]}"  # recomputes are queued but not run: this drill is about saves
    env = {
        "DJANGO_SETTINGS_MODULE": "goc_perf.settings.test",
        "DATABASE_URL": cluster.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "LOG_LEVEL": "ERROR",
    }
    try:
        cluster.start()
        manage("migrate", "--noinput", env=env)
        year = int(
            manage("shell", "-c", "from benchmarks.management.commands.bench_form3 import Command; "
                   f"print(Command()._build({USERS}, 1)[0])", env=env).split()[-1]
        )  # fmt: skip
        rows = _burst(cluster, env, "default connections", year)
        rows += _burst(cluster, {**env, "DATABASE_POOL": "true", "DATABASE_POOL_SIZE": "4"}, "psycopg pool", year)
    finally:
        cluster.stop()
        manage("shell", "-c", "from goc_perf.celery import app; app.control.purge()",
               env={"CELERY_TASK_DEFAULT_QUEUE": queue})  # fmt: skip
    report("PostgreSQL restarted during a burst of saves (throwaway cluster)", rows)
    problems = {label: value for label, value in rows if "goal 0" in label and value != 0}
    assert problems == {}
