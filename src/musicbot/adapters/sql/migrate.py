"""The schema by Alembic: `upgrade(url)` brings a database to the newest revision (the CLI's `musicbot db upgrade`,
and `musicbot run` before it starts). The migrations ship inside the package, so this works from a wheel.
"""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL

from musicbot.adapters.sql.database import async_url, create_database

SCRIPT_LOCATION = "musicbot.adapters.sql:migrations"


def alembic_config(url: str | URL) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    # Passed as an object, not through the ini-style option, where a "%" in a password would be interpolated.
    config.attributes["url"] = async_url(url)
    return config


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Migrate the database at `url` to `revision`; creates a SQLite file (and its directory) when missing.

    Call it where no event loop runs (it runs one); from async code use `upgrade_async`.
    """
    command.upgrade(alembic_config(url), revision)


async def upgrade_async(url: str | URL, revision: str = "head") -> None:
    await asyncio.to_thread(upgrade, url, revision)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


async def current_revision(url: str | URL) -> str | None:
    """The revision the database is at; None when it was never migrated."""
    database = create_database(url)
    try:
        async with database.connect() as connection:
            return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
    finally:
        await database.dispose()
