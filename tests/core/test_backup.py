"""`make backup` / `make restore`: a restored copy holds every row of every table."""

import io
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import client_env, dump_command, restore_command

SETTINGS = {"NAME": "goc", "HOST": "db.example", "PORT": 5433, "USER": "app", "PASSWORD": "s3cret"}


def test_the_password_goes_in_the_environment_never_on_the_command_line():
    commands = [dump_command(SETTINGS, Path("x.dump")), restore_command(SETTINGS, Path("x.dump"), "copy")]
    assert all("s3cret" not in " ".join(command) for command in commands)
    assert client_env(SETTINGS)["PGPASSWORD"] == "s3cret"
    assert dump_command(SETTINGS, Path("x.dump"))[:7] == [
        "pg_dump", "--host", "db.example", "--port", "5433", "--username", "app",
    ]  # fmt: skip
    assert "--format=custom" in dump_command(SETTINGS, Path("x.dump"))


def _counts(dbname: str) -> dict[str, int]:
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=dbname, host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"]
    ) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _drop(dbname: str) -> None:
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres", host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_finds_every_row(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    dump = tmp_path / "goc_perf.dump"
    call_command("backup", output=dump, stdout=io.StringIO())
    copy = f"{connection.settings_dict['NAME']}_restored"
    _drop(copy)
    try:
        call_command("restore", source=dump, database=copy, stdout=io.StringIO())
        original, restored = _counts(connection.settings_dict["NAME"]), _counts(copy)
        assert restored == original
        assert original["indicators_quarterlyvalue"] > 0 and original["core_auditentry"] > 0
        with pytest.raises(CommandError, match=r"already exists|zaten"):
            call_command("restore", source=dump, database=copy, stdout=io.StringIO())  # never over a database
    finally:
        _drop(copy)


@pytest.mark.django_db
def test_restore_refuses_the_running_database(tmp_path):
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"")
    with pytest.raises(CommandError, match="Çalışan veritabanının üzerine"):
        call_command("restore", source=dump, database=connection.settings_dict["NAME"])
