"""The docker path as an operator meets it: read the Dockerfile, docker-compose.yml and .dockerignore
(no docker on the test machine) and start the production settings with bad keys."""

import fnmatch
import io
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from accounts.models import User
from imports.demo import DEMO_USERS

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DJANGO_SERVICES = ("web", "worker", "beat")


def test_pg_dump_in_the_image_has_the_major_version_of_the_compose_postgres():
    server_major = re.fullmatch(r"postgres:(\d+)(?:[.-].*)?", COMPOSE["services"]["postgres"]["image"]).group(1)
    client_majors = re.findall(r"postgresql-client-(\d+)", DOCKERFILE)
    assert client_majors == [server_major]
    assert not re.search(r"postgresql-client(?!-)", DOCKERFILE)  # no unversioned client beside it


def test_backups_and_media_are_named_volumes_the_container_user_owns():
    assert {"backups", "media", "pgdata"} <= set(COMPOSE["volumes"])
    for name in DJANGO_SERVICES:
        volumes = COMPOSE["services"][name]["volumes"]
        assert "media:/app/media" in volumes and "backups:/app/backups" in volumes
    chown = re.search(r"chown goc:goc ([^\n]+)", DOCKERFILE).group(1).split()
    assert {"/app/media", "/app/backups"} <= set(chown)
    assert re.search(r"^USER goc$", DOCKERFILE, re.MULTILINE)
    operations = (ROOT / "docs" / "operations.md").read_text()
    assert "goc_perf_media" in operations and "/app/backups" in operations


def test_compose_has_no_public_secret_key_and_loads_the_demo_only_when_asked():
    for name in DJANGO_SERVICES:
        environment = COMPOSE["services"][name]["environment"]
        assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")  # compose stops when it is unset
        assert environment["DJANGO_SETTINGS_MODULE"] == "goc_perf.settings.production"
    assert COMPOSE["services"]["web"]["environment"]["LOAD_DEMO"] == "${LOAD_DEMO:-0}"


def test_the_image_defaults_to_the_production_settings():
    assert re.search(r"^ENV DJANGO_SETTINGS_MODULE=goc_perf\.settings\.production", DOCKERFILE, re.MULTILINE)


@pytest.mark.parametrize("path", ["backups/goc_perf-1.dump", "x.dump", "db.sqlite3", ".env", ".venv/bin/python"])
def test_dockerignore_keeps_backups_and_local_databases_out(path):
    patterns = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()[:1] not in ("", "#")
    ]
    parts = Path(path).parts
    candidates = [str(Path(*parts[: i + 1])) for i in range(len(parts))]
    assert any(fnmatch.fnmatch(c, p.lstrip("/")) for p in patterns if not p.startswith("!") for c in candidates)


@pytest.mark.parametrize(
    "key", ["insecure-embedded-default-key-change-me", "change-me-before-any-real-use", "short-key", None]
)
def test_production_settings_refuse_a_missing_short_or_published_key(key):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="goc_perf.settings.production", ALLOWED_HOSTS="perf.goc.gov.tr")
    if key is not None:
        env["SECRET_KEY"] = key
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    accepted = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert accepted.returncode == 0, accepted.stderr


def test_load_demo_with_the_production_setting_never_gives_the_published_passwords(db, settings):
    settings.DEMO_PUBLISHED_PASSWORDS = False
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert not user.check_password(demo.password)
        printed = re.search(rf"^  {re.escape(demo.username)}\s+(\S+)", out.getvalue(), re.MULTILINE).group(1)
        assert user.check_password(printed)
