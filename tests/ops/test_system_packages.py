"""scripts/system_packages.sh (run by `make test`): installs what is missing as root, otherwise
prints the one apt-get line and stops. Run with fake dpkg-query, id and apt-get on PATH."""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "system_packages.sh"


@pytest.fixture
def fake_bin(tmp_path):
    """A bin folder whose dpkg-query says every package but $MISSING is installed, whose id -u is
    $FAKE_UID and whose apt-get writes its arguments to $APT_LOG."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {
        "dpkg-query": (
            '#!/bin/bash\npkg="${@: -1}"\n'
            'for m in $MISSING; do [ "$m" = "$pkg" ] && { echo -n "unknown ok not-installed"; exit 1; }; done\n'
            'echo -n "install ok installed"\n'
        ),
        "id": '#!/bin/bash\necho "$FAKE_UID"\n',
        "apt-get": '#!/bin/bash\necho "$@" >> "$APT_LOG"\n',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(body)
        path.chmod(0o755)
    return bin_dir


def _run(fake_bin, *, missing: str, uid: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    apt_log = fake_bin.parent / "apt.log"
    env = {
        **os.environ,
        "PATH": f"{fake_bin}:{os.environ['PATH']}",
        "MISSING": missing,
        "FAKE_UID": uid,
        "APT_LOG": str(apt_log),
    }
    result = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)
    calls = apt_log.read_text().splitlines() if apt_log.exists() else []
    return result, calls


def test_not_root_prints_the_install_line_and_stops(fake_bin):
    result, calls = _run(fake_bin, missing="libldap2-dev libsasl2-dev", uid="1000")
    assert result.returncode == 1
    assert "sudo apt-get install -y libldap2-dev libsasl2-dev" in result.stderr
    assert calls == []


def test_root_installs_only_the_missing_packages(fake_bin):
    result, calls = _run(fake_bin, missing="chromium gettext", uid="0")
    assert result.returncode == 0, result.stderr
    assert "Installing system packages: chromium gettext" in result.stdout
    assert calls == ["update -qq", "install -y -qq chromium gettext"]


@pytest.mark.parametrize("uid", ["0", "1000"])
def test_nothing_missing_does_nothing(fake_bin, uid):
    result, calls = _run(fake_bin, missing="", uid=uid)
    assert result.returncode == 0
    assert result.stdout == result.stderr == ""
    assert calls == []
