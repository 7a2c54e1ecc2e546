"""The hashed lock files (requirements/*.txt, `make lock`) match their inputs (requirements/*.in):
every direct requirement is locked at the version asked for, every locked package has hashes, and
every dependency of a locked package is itself locked."""

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _inputs(name: str) -> list[Requirement]:
    """The requirements of requirements/<name>, following `-r` includes."""
    found: list[Requirement] = []
    for raw in (REQUIREMENTS / name).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += _inputs(line[3:].strip())
        elif line:
            found.append(Requirement(line))
    return found


def _lock(name: str) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} of the lock requirements/<name>."""
    locked: dict[str, tuple[str, int]] = {}
    current = None
    for line in (REQUIREMENTS / name).read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match.group(1))
            locked[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = locked[current]
            locked[current] = (version, hashes + 1)
    return locked


@pytest.mark.parametrize("name", ["base", "ldap", "dev"])
def test_every_input_is_locked_at_its_version_with_hashes(name):
    locked = _lock(f"{name}.txt")
    for requirement in _inputs(f"{name}.in"):
        key = canonicalize_name(requirement.name)
        assert key in locked, f"{requirement.name} of {name}.in is not in {name}.txt: run `make lock`"
        version, _ = locked[key]
        assert requirement.specifier.contains(version), f"{name}.txt has {key}=={version}, {name}.in: {requirement}"
    unhashed = [package for package, (_, hashes) in locked.items() if hashes == 0]
    assert unhashed == []


def test_every_dependency_of_the_dev_lock_is_locked_and_installed_as_locked():
    """Read from the installed packages' own metadata (the test runs in the venv built from dev.txt)."""
    locked = _lock("dev.txt")
    missing = []
    for package, (version, _) in locked.items():
        try:
            dist = metadata.distribution(package)
        except metadata.PackageNotFoundError:
            continue  # a package only for another platform or interpreter (a marker)
        assert dist.version == version, f"{package} installed {dist.version}, locked {version}"
        for spec in dist.requires or []:
            requirement = Requirement(spec)
            extras = {"extra": ""}
            if requirement.marker and not requirement.marker.evaluate(extras):
                continue
            if canonicalize_name(requirement.name) not in locked:
                missing.append(f"{requirement.name} (needed by {package})")
    assert missing == []
