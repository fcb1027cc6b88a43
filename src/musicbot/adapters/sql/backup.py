"""A consistent copy of the database while the bot runs: SQLite's online backup API (pages copied under a read
transaction, so WAL writers go on), or `pg_dump` for PostgreSQL (its own consistent snapshot)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


def backup(url: str, target: Path) -> str:
    """Write `target`; the kind of copy made. Raises `RuntimeError` with a reason a host can act on."""
    parsed = make_url(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() == "sqlite":
        source = Path(str(parsed.database or ""))
        if not source.is_file():
            raise RuntimeError(f"there is no SQLite database at {source}")
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original, sqlite3.connect(target) as copy:
            original.backup(copy)
        copy.close()
        return "SQLite online backup"
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise RuntimeError("pg_dump was not found: install PostgreSQL's client tools (Debian: postgresql-client)")
    plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={target}", plain],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"pg_dump failed: {done.stderr.strip().splitlines()[-1] if done.stderr else done.returncode}"
        )
    return "pg_dump (custom format: restore with pg_restore)"
