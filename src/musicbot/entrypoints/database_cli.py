"""`musicbot db upgrade`, `musicbot db current` and `musicbot db backup FILE`: one line of output, one line on
stderr when it fails."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import make_url

from musicbot.adapters.sql import current_revision, head_revision, upgrade
from musicbot.adapters.sql.backup import backup
from musicbot.entrypoints.composition.core import database_url
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.storage import one_line, shown, url_problem

EXIT_CONFIG, EXIT_UNREACHABLE = 2, 1


def run_db_command(
    action: str,
    settings: Settings,
    *,
    target: Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    url = database_url(settings)
    problem = url_problem(url)
    if problem is not None:
        print(f"musicbot: {problem}", file=err)
        return EXIT_CONFIG
    if action == "current" and (missing := missing_sqlite_file(url)) is not None:
        # Asking must not create it: SQLite makes an empty file for any connection.
        print(
            f"Database {shown(url)} does not exist yet (never migrated; the first start or musicbot db upgrade "
            f"creates {missing}).",
            file=out,
        )
        return 0
    if action == "backup":
        assert target is not None, "argparse requires the file"
        try:
            kind = backup(url, target)
        except (RuntimeError, OSError, sqlite3.Error) as error:
            print(f"musicbot: no backup of {shown(url)}: {one_line(error)}", file=err)
            return EXIT_UNREACHABLE
        print(f"Backed up {shown(url)} to {target} ({kind}).", file=out)
        return 0
    try:
        if action == "upgrade":
            upgrade(url)
        revision = asyncio.run(current_revision(url))
    except Exception as error:  # unreachable, refused, locked, a revision this version does not know
        print(f"musicbot: the database at {shown(url)} cannot be used: {one_line(error)}", file=err)
        return EXIT_UNREACHABLE
    head = head_revision()
    if action == "upgrade":
        print(f"Database {shown(url)} is at revision {revision} (the newest).", file=out)
        return 0
    state = "the newest" if revision == head else f"the newest is {head}: run musicbot db upgrade"
    print(f"Database {shown(url)} is at revision {revision or 'none (never migrated)'} ({state}).", file=out)
    return 0


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file `url` names when it does not exist (None: it exists, or the URL is another database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return None if path.exists() else path
