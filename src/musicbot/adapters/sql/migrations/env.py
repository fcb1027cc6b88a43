"""Alembic's environment: migrations run on the bot's own engine settings (WAL, foreign keys, its URL)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from musicbot.adapters.sql.database import create_database
from musicbot.adapters.sql.tables import metadata


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # Every revision applies whole or not at all, the version table with it: SQLite and PostgreSQL both
        # run DDL inside transactions.
        transactional_ddl=True,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run() -> None:
    database = create_database(context.config.attributes["url"])
    try:
        async with database.connect() as connection:
            await connection.run_sync(_migrate)
    finally:
        await database.dispose()


if context.is_offline_mode():
    raise SystemExit("musicbot migrates databases online only: give it a database URL")
asyncio.run(_run())
