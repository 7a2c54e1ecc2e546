"""Backups of the PostgreSQL database: pg_dump's custom format out, pg_restore into a named database.

Pure helpers build the command lines from Django's connection settings; the management commands
`backup` and `restore` run them. The password travels in PGPASSWORD, never on the command line.
"""

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class BackupError(Exception):
    """A backup or restore step failed; the message says which and why."""


def connection_args(settings_dict: Mapping[str, Any]) -> list[str]:
    """Return the host, port and user options of the PostgreSQL client tools for a connection."""
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    return args


def client_env(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    """Return the environment for the client tools: the password, if any, and no prompting."""
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def dump_command(settings_dict: Mapping[str, Any], output: Path) -> list[str]:
    """Return the pg_dump command writing the whole database in the custom format to `output`."""
    return [
        "pg_dump",
        *connection_args(settings_dict),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--file",
        str(output),
        str(settings_dict["NAME"]),
    ]


def restore_command(settings_dict: Mapping[str, Any], source: Path, database: str) -> list[str]:
    """Return the pg_restore command loading `source` into `database`, stopping at the first error."""
    return [
        "pg_restore",
        *connection_args(settings_dict),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        database,
        str(source),
    ]


def create_database_command(settings_dict: Mapping[str, Any], database: str) -> list[str]:
    """Return the createdb command for an empty database named `database`."""
    return ["createdb", *connection_args(settings_dict), "--template=template0", database]


def run(command: list[str], settings_dict: Mapping[str, Any]) -> None:
    """Run one client tool; raise BackupError with its message when it fails."""
    try:
        done = subprocess.run(  # noqa: S603 - a fixed tool and arguments, no shell
            command, env=client_env(settings_dict), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} bulunamadı: PostgreSQL istemci araçlarını kurun.") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} başarısız oldu ({done.returncode}): {done.stderr.strip()}")
