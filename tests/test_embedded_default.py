"""The embedded default, end to end: SQLite, in-process tasks, migrate, load_demo, serve, sign in."""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(DJANGO_SETTINGS_MODULE="goc_perf.settings.base", **extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_settings_with_nothing_set_use_sqlite_and_in_process_tasks():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.LANGUAGE_CODE, s.TIME_ZONE)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(), capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["django.db.backends.sqlite3", "True", "tr", "Europe/Istanbul"]


def test_settings_with_postgres_and_redis_named_use_them():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    )
    env = _env(DATABASE_URL="postgres://postgres@127.0.0.1:5432/goc_perf", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["django.db.backends.postgresql", "False", "redis://127.0.0.1:6379/0"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_migrate_load_demo_and_serve_the_2024_home_page(tmp_path):
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", STATIC_ROOT=str(tmp_path / "static"))
    _manage("migrate", "--noinput", env=env)
    assert "Demo verisi yüklendi." in _manage("load_demo", env=env)
    assert "hiçbir şey değişmedi" in _manage("load_demo", env=env)
    _manage("collectstatic", "--noinput", env=env)

    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "goc_perf.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(100):
            try:
                login_page = opener.open(f"{base}/login/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "strateji", "password": "Demo-strateji-2024", "next": "/"}
        ).encode()
        request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"})
        home = opener.open(request, timeout=10)
        assert home.status == 200 and home.url == f"{base}/"
        page = home.read().decode()
        assert "Göç İdaresi Başkanlığı · 2024" in page and "913.719" in page
        css = re.search(r'href="(/static/vendor/bootstrap/css/bootstrap[^"]*\.css)"', page).group(1)
        assert opener.open(f"{base}{css}", timeout=5).status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_fifteen_concurrent_form_saves_on_the_sqlite_file_answer_saved_or_conflict_never_an_error(tmp_path):
    # Fifteen tabs post the same saved Form-3 quarter at once, each thread on its own connection to
    # the SQLite file (tests/sqlite_concurrent_saves.py): one save wins, the fourteen others are told
    # "someone else saved" (409), none answers 500/503 with "database is locked".
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", ALLOWED_HOSTS="testserver", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "tests/sqlite_concurrent_saves.py", "15"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["statuses"] == {"302": 1, "409": 14}
    assert outcome["told"] == 14  # every loser sees the Turkish conflict message
    assert outcome["stored"] == outcome["winners"][0]
    assert outcome["journal_mode"] == "wal"
