"""`python tools/release_notes.py VERSION`: the CHANGELOG.md section of VERSION, as a release's notes.

Exits 1 with one line when the changelog has no section for VERSION (a tag pushed before its changelog entry).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CHANGELOG = Path(__file__).resolve().parents[1] / "CHANGELOG.md"


def release_notes(changelog: str, version: str) -> str | None:
    """The body under `## [VERSION]` up to the next `## ` heading, or None."""
    found = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## |\Z)", changelog, flags=re.M | re.S)
    return found.group(1).strip() + "\n" if found else None


def main() -> int:
    version = sys.argv[1].removeprefix("v")
    notes = release_notes(CHANGELOG.read_text(encoding="utf-8"), version)
    if notes is None:
        print(f"release_notes: CHANGELOG.md has no section for {version}", file=sys.stderr)
        return 1
    sys.stdout.write(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
