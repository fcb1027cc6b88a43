"""`musicbot db backup FILE`: a consistent copy while a writer holds the database (SQLite), or pg_dump's."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from musicbot.adapters.sql import upgrade
from musicbot.entrypoints.database_cli import run_db_command
from musicbot.entrypoints.settings import Settings


def test_sqlite_backup_is_consistent_while_a_write_is_under_way(tmp_path: Path) -> None:
    data = tmp_path / "data"
    upgrade(f"sqlite:///{data / 'musicbot.db'}")
    writer = sqlite3.connect(data / "musicbot.db", isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE marks (n INTEGER)")
    writer.execute("INSERT INTO marks VALUES (1)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO marks VALUES (2)")  # not committed: must not be in the copy
    out, err = io.StringIO(), io.StringIO()
    settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
    try:
        code = run_db_command("backup", settings, target=tmp_path / "copy.db", out=out, err=err)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert code == 0, err.getvalue()
    assert "SQLite online backup" in out.getvalue()
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT n FROM marks").fetchall() == [(1,)]
        assert copy.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_a_missing_sqlite_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    err = io.StringIO()
    settings = Settings(_env_file=None, data_dir=tmp_path / "none")  # type: ignore[call-arg]
    assert run_db_command("backup", settings, target=tmp_path / "x.db", out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith("musicbot: no backup of") and len(err.getvalue().splitlines()) == 1


def test_postgres_backup_with_pg_dump(tmp_path: Path) -> None:
    url = os.environ.get("MUSICBOT_TEST_POSTGRES_URL")
    if not url or shutil.which("pg_restore") is None:
        pytest.skip("needs MUSICBOT_TEST_POSTGRES_URL and PostgreSQL's client tools")
    upgrade(url)
    out, err = io.StringIO(), io.StringIO()
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    assert run_db_command("backup", settings, target=tmp_path / "dump", out=out, err=err) == 0, err.getvalue()
    listing = subprocess.run(["pg_restore", "--list", str(tmp_path / "dump")], capture_output=True, text=True)
    assert "alembic_version" in listing.stdout and "listening_history" in listing.stdout
