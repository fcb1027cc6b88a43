"""Is the database answering, and how many of its calls failed (SQLAlchemy's `handle_error`: every error the
driver raised, connections that could not be made included)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection

from musicbot.adapters.sql.database import Database
from musicbot.application.monitoring.checks import Health, HealthStatus


class DatabaseErrors:
    """Counts the driver's errors on `database` from now on."""

    def __init__(self, database: Database) -> None:
        self.count = 0
        event.listen(database.engine.sync_engine, "handle_error", self._counted)

    def _counted(self, _context: Any) -> None:
        self.count += 1


def _ping(connection: Connection) -> None:
    # On the driver's cursor, not through `Connection.execute`: that would begin a transaction, and on SQLite
    # our BEGIN IMMEDIATE would wait for the writer. Reading the schema touches the file itself.
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT count(*) FROM sqlite_master" if connection.dialect.name == "sqlite" else "SELECT 1")
        cursor.fetchone()
    finally:
        cursor.close()


class DatabaseProbe:
    """Readiness and health of the database: one round trip on a pooled connection."""

    name = "database"

    def __init__(self, database: Database, errors: DatabaseErrors | None = None) -> None:
        self._database = database
        self.errors = errors
        self.last_failure: str | None = None

    async def ping(self) -> float:
        """Seconds one query took; raises what the driver raised."""
        started = time.perf_counter()
        async with self._database.engine.connect() as connection:
            await connection.run_sync(_ping)
        return time.perf_counter() - started

    async def problem(self) -> str | None:
        try:
            await self.ping()
        except Exception as error:
            self.last_failure = f"{type(error).__name__}: {error}".splitlines()[0][:200]
            return f"the {self._database.dialect} database does not answer ({self.last_failure})"
        return None

    async def health(self) -> Health:
        try:
            seconds = await self.ping()
        except Exception as error:
            self.last_failure = f"{type(error).__name__}: {error}".splitlines()[0][:200]
            return Health(name=self.name, status=HealthStatus.DOWN, detail=f"does not answer: {self.last_failure}")
        errors = f"; {self.errors.count} errors since start" if self.errors and self.errors.count else ""
        return Health(
            name=self.name,
            status=HealthStatus.OK,
            detail=f"{self._database.dialect} answers in {seconds * 1000:.1f} ms{errors}",
        )
