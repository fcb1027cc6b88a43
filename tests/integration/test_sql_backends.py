"""The storage backends every repository contract runs on, and what each backend promises by itself.

`storage_fixture()` makes a parametrized `storage` fixture (assign it in a test module: `storage =
storage_fixture()`): the in-memory fakes, SQLite in a fresh file, and PostgreSQL at $MUSICBOT_TEST_POSTGRES_URL
(skipped only when that is unset; its tables are emptied before each test, so give it a database of its own).
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from musicbot.adapters.sql import Database, SqlAlchemyUnitOfWork, create_database, unit_of_work_factory, upgrade
from musicbot.adapters.sql.database import async_url, default_database_url
from musicbot.adapters.sql.migrate import current_revision, head_revision
from musicbot.adapters.sql.tables import metadata
from musicbot.application.storage import UnitOfWorkFactory
from musicbot.application.storage_errors import StorageUnavailable
from tests.fakes.repositories import (
    FakeGuildSettingsRepository,
    FakeListeningHistoryRepository,
    FakePlaylistRepository,
    FakeQueueRepository,
    FakeUnitOfWork,
)

POSTGRES_ENV = "MUSICBOT_TEST_POSTGRES_URL"
ALL = ("memory", "sqlite", "postgresql")
SQL = ("sqlite", "postgresql")


@dataclass(slots=True)
class Storage:
    kind: str
    uow: UnitOfWorkFactory
    database: Database | None = None
    url: str | None = None


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    return url


@functools.cache
def sqlite_template() -> Path:
    """A migrated SQLite file, made once per run and copied for each test (migrating takes longer)."""
    directory = tempfile.mkdtemp(prefix="musicbot-sqlite-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = Path(directory) / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@functools.cache
def migrated_postgres(url: str) -> str:
    upgrade(url)
    return url


async def empty_postgres(database: Database) -> None:
    names = ", ".join(table.name for table in metadata.sorted_tables)
    async with database.engine.begin() as connection:
        await connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


async def open_storage(kind: str, directory: Path) -> Storage:
    if kind == "memory":
        shared: dict[str, Any] = {
            "repository": FakePlaylistRepository(),
            "guild_settings": FakeGuildSettingsRepository(),
            "queues": FakeQueueRepository(),
            "history": FakeListeningHistoryRepository(),
        }
        return Storage(kind, lambda: FakeUnitOfWork(**shared))
    if kind == "sqlite":
        path = directory / "musicbot.db"
        shutil.copy(await asyncio.to_thread(sqlite_template), path)
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = await asyncio.to_thread(migrated_postgres, postgres_url())
    database = create_database(url)
    if kind == "postgresql":
        await empty_postgres(database)

    return Storage(kind, unit_of_work_factory(database), database, url)


def storage_fixture(kinds: Sequence[str] = ALL) -> Callable[..., Any]:
    @pytest.fixture(params=kinds)
    async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
        opened = await open_storage(request.param, tmp_path)
        yield opened
        if opened.database is not None:
            await opened.database.dispose()

    return storage


storage = storage_fixture(SQL)


async def test_the_migrations_build_exactly_the_schema_the_code_queries(storage: Storage) -> None:
    assert storage.database is not None and storage.url is not None
    async with storage.database.engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), metadata)
        )
    assert differences == []
    assert await current_revision(storage.url) == head_revision()
    await asyncio.to_thread(upgrade, storage.url)  # again: nothing to do, nothing breaks


async def test_sqlite_is_set_up_for_durability(tmp_path: Path) -> None:
    url = default_database_url(tmp_path / "data")
    await asyncio.to_thread(upgrade, url)
    database = create_database(url)
    try:
        async with database.connect() as connection:
            pragmas = {
                name: await connection.scalar(sa.text(f"PRAGMA {name}"))
                for name in ("journal_mode", "synchronous", "foreign_keys")
            }
    finally:
        await database.dispose()
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}  # 2: FULL
    assert (tmp_path / "data" / "musicbot.db").is_file()


def test_urls_get_their_async_drivers() -> None:
    assert async_url("sqlite:///x.db").drivername == "sqlite+aiosqlite"
    assert async_url("postgresql://u:p%25w@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgresql://u:p%25w@h/db").password == "p%w"
    assert default_database_url(Path("/srv/bot")) == "sqlite+aiosqlite:////srv/bot/musicbot.db"
    with pytest.raises(ValueError, match="unsupported database"):
        async_url("mysql://h/db")


async def test_an_unreachable_database_is_storage_unavailable() -> None:
    database = create_database("postgresql://nobody:x@127.0.0.1:9/none")
    try:
        with pytest.raises(StorageUnavailable):
            async with SqlAlchemyUnitOfWork(database):
                pass
    finally:
        await database.dispose()
