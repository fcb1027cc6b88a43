"""The database: SQLite (the default, one file in the data directory) or PostgreSQL, set up for durability.

SQLite runs in WAL mode with `synchronous=FULL`: a commit returns only once its WAL frames are on disk, so what
was acknowledged survives a killed process and a power cut alike (NORMAL survives the first only). SQLite has
one writer at a time; rather than letting transactions collide on its lock (a deferred transaction that read
before another committed cannot write: SQLITE_BUSY_SNAPSHOT), units of work take turns on an asyncio lock and
open their transactions with BEGIN IMMEDIATE, which also makes another process (a CLI) wait on busy_timeout.
Transactions are short (no I/O but the database inside them), so taking turns costs little: see
bench/persistence.py. PostgreSQL needs none of this: its transactions run side by side, and a guild's playlists
are locked for the length of a transaction that loads them (repositories do that).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

Synchronous = Literal["NORMAL", "FULL"]
DEFAULT_FILE_NAME = "musicbot.db"
_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg"}


def default_database_url(data_dir: Path) -> str:
    """`sqlite+aiosqlite:///<data_dir>/musicbot.db`, the data directory made absolute."""
    path = data_dir.expanduser().resolve() / DEFAULT_FILE_NAME
    return URL.create("sqlite+aiosqlite", database=str(path)).render_as_string()


def async_url(url: str | URL) -> URL:
    """The URL with its async driver: `sqlite://` and `postgresql://` get aiosqlite and asyncpg."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
    if parsed.get_driver_name() in {"aiosqlite", "asyncpg"}:
        return parsed
    return parsed.set(drivername=_DRIVERS[backend])


class Database:
    """An engine, and on SQLite the turn that writers take."""

    def __init__(self, engine: AsyncEngine, *, single_writer: bool) -> None:
        self.engine = engine
        self.single_writer = single_writer
        self._turn = asyncio.Lock() if single_writer else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncConnection]:
        """A connection whose transaction the caller commits; on SQLite, once its turn has come."""
        async with contextlib.AsyncExitStack() as stack:
            if self._turn is not None:
                await stack.enter_async_context(self._turn)
            yield await stack.enter_async_context(self.engine.connect())

    async def dispose(self) -> None:
        await self.engine.dispose()


def create_database(
    url: str | URL,
    *,
    synchronous: Synchronous = "FULL",
    busy_timeout: float = 10.0,
    pool_size: int = 5,
    echo: bool = False,
) -> Database:
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Database(_sqlite_engine(parsed, synchronous, busy_timeout, echo), single_writer=True)
    engine = create_async_engine(parsed, pool_size=pool_size, pool_pre_ping=True, echo=echo)
    return Database(engine, single_writer=False)


def _sqlite_engine(url: URL, synchronous: Synchronous, busy_timeout: float, echo: bool) -> AsyncEngine:
    in_memory = url.database in (None, "", ":memory:")
    if in_memory:
        # One connection for everything, or each would see its own empty database.
        engine = create_async_engine(url, poolclass=StaticPool, echo=echo)
    else:
        Path(str(url.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, pool_size=2, max_overflow=0, echo=echo)
    if synchronous not in ("NORMAL", "FULL"):
        raise ValueError(f"synchronous is NORMAL or FULL, not {synchronous!r}")
    pragmas = (
        "PRAGMA journal_mode=WAL",
        f"PRAGMA synchronous={synchronous}",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={int(busy_timeout * 1000)}",
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _configure(dbapi_connection: Any, _record: object) -> None:
        # The driver's own transaction handling begins lazily and not before SELECTs; we begin ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
