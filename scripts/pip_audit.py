"""Run pip-audit on the installed packages (make lint): fail on any known vulnerability.

pip-audit asks PyPI's per-release JSON API for advisories. Where that API cannot be reached (a
machine that sees only the package index), every package comes back "could not be audited" and
pip-audit alone would still say "No known vulnerabilities found"; this script says plainly that
nothing was audited instead. Set PIP_AUDIT_STRICT=1 to make that a failure too.
"""

import json
import os
import subprocess  # nosec B404 - runs pip-audit, a fixed command
import sys
from pathlib import Path


def main() -> int:
    pip_audit = Path(sys.executable).parent / "pip-audit"
    result = subprocess.run(  # noqa: S603 # nosec B603 - fixed arguments
        [str(pip_audit), "--format", "json", "--progress-spinner", "off"], capture_output=True, text=True
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout, result.stderr, sep="\n")
        return result.returncode or 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {audited} of {len(dependencies)} packages audited, {len(vulnerable)} with known vulnerabilities")
    if skipped:
        print(
            f"pip-audit: WARNING {len(skipped)} packages could not be audited "
            f"(first: {skipped[0]['name']}: {skipped[0]['skip_reason']}); the advisory service was not reachable"
        )
    if vulnerable:
        return 1
    if skipped and os.environ.get("PIP_AUDIT_STRICT") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
