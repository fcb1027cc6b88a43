"""`make audit`: pip-audit over the locked dependencies, or one line saying why it cannot run here.

pip-audit asks a vulnerability service about each `name==version`: PyPI's JSON API
(`https://pypi.org/pypi/NAME/VERSION/json`, its `vulnerabilities` list) or OSV (`https://api.osv.dev/v1/query`).
When neither answers, pip-audit itself reports every package as "not found on PyPI" and exits 0, which would
read as a clean audit. So this asks each service about one locked package first, runs pip-audit against the
first one that answers (`--strict`: a package it could not audit fails the run), and otherwise prints one line
and exits 0 without pretending.
"""

from __future__ import annotations

import json
import re
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

LOCK = Path("requirements-dev.lock")
PYPI = "https://pypi.org/pypi/{name}/{version}/json"
OSV = "https://api.osv.dev/v1/query"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)")


def first_pin(lock: Path) -> tuple[str, str]:
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            return match.group(1), match.group(2)
    raise SystemExit(f"audit: no pinned requirement in {lock}")


def answers(url: str, body: dict[str, object] | None = None) -> bool:
    """True when `url` answers 200 with a JSON object (a POST of `body` when given)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})  # noqa: S310
    try:
        # S310: the URLs are this module's https constants (tests pass local http ones).
        with urllib.request.urlopen(request, timeout=15, context=ssl.create_default_context()) as response:  # noqa: S310
            return response.status == 200 and isinstance(json.load(response), dict)
    except (OSError, ValueError):  # URLError, HTTPError (404 from a proxy), timeouts, a non-JSON page
        return False


def reachable_service(name: str, version: str, *, pypi: str = PYPI, osv: str = OSV) -> str | None:
    if answers(pypi.format(name=name, version=version)):
        return "pypi"
    if answers(osv, {"package": {"name": name, "ecosystem": "PyPI"}, "version": version}):
        return "osv"
    return None


def main() -> int:
    lock = Path(sys.argv[1]) if len(sys.argv) > 1 else LOCK
    name, version = first_pin(lock)
    service = reachable_service(name, version)
    if service is None:
        print(
            f"audit skipped: no vulnerability service answers from this machine "
            f"(pypi.org/pypi/{name}/{version}/json and api.osv.dev were tried)"
        )
        return 0
    print(f"audit: {lock} against {service}")
    command = [sys.executable, "-m", "pip_audit", "--strict", "--no-deps", "--disable-pip", "--progress-spinner=off"]
    return subprocess.run([*command, "--vulnerability-service", service, "-r", str(lock)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
