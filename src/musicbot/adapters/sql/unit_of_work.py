"""One transaction over every repository: `async with uow: ...; await uow.commit()`, rolled back otherwise.

A unit of work is used by one task at a time and may be entered again after it exits (each entry is a new
transaction on a connection of its own). Database failures leave it as `StorageUnavailable` (nothing of the
transaction was kept) or, for writes the schema refused, `PersistenceError`. A database file that is damaged
(or replaced by something that is not a database) is unavailable storage too, for reads as for writes, and the
connection that met it is dropped from the pool: once the file is restored, the next unit of work opens it anew.
"""

from __future__ import annotations

import contextlib

from sqlalchemy import exc
from sqlalchemy.ext.asyncio import AsyncConnection

from musicbot.adapters.sql.database import Database
from musicbot.adapters.sql.guild_settings import SqlAlchemyGuildSettingsRepository
from musicbot.adapters.sql.history import SqlAlchemyListeningHistoryRepository
from musicbot.adapters.sql.playlists import SqlAlchemyPlaylistRepository
from musicbot.adapters.sql.queues import SqlAlchemyQueueRepository
from musicbot.application.guild.ports import GuildSettingsRepository
from musicbot.application.history.ports import ListeningHistoryRepository
from musicbot.application.playlists.ports import ScopedPlaylistRepository
from musicbot.application.saved_queues.ports import QueueRepository
from musicbot.application.storage import StorageUnitOfWork, UnitOfWorkFactory
from musicbot.application.storage_errors import PersistenceError, StorageUnavailable


class SqlAlchemyUnitOfWork:
    playlists: ScopedPlaylistRepository
    guild_settings: GuildSettingsRepository
    queues: QueueRepository
    history: ListeningHistoryRepository

    def __init__(self, database: Database) -> None:
        self._database = database
        self._stack: contextlib.AsyncExitStack | None = None
        self._connection: AsyncConnection | None = None

    async def __aenter__(self) -> SqlAlchemyUnitOfWork:
        if self._stack is not None:
            raise RuntimeError("this unit of work is already in use")
        stack = contextlib.AsyncExitStack()
        try:
            connection = await stack.enter_async_context(self._database.connect())
            await connection.begin()
        except BaseException as error:
            await stack.aclose()
            raise translate(error) from error
        self._stack, self._connection = stack, connection
        self.playlists = SqlAlchemyPlaylistRepository(connection)
        self.guild_settings = SqlAlchemyGuildSettingsRepository(connection)
        self.queues = SqlAlchemyQueueRepository(connection)
        self.history = SqlAlchemyListeningHistoryRepository(connection)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        error = exc_info[1] if len(exc_info) > 1 and isinstance(exc_info[1], BaseException) else None
        stack, connection = self._stack, self._connection
        self._stack = self._connection = None
        if stack is None or connection is None:
            return
        try:
            if error is not None and _damaged(error):
                await connection.invalidate()  # it may hold the damaged file open: never hand it out again
            elif connection.in_transaction():
                await connection.rollback()
        except exc.SQLAlchemyError:
            pass  # a broken connection: closing it below discards what was not committed, as the database does
        finally:
            await stack.aclose()
        if error is not None and (translated := translate(error)) is not error:
            raise translated from error

    async def commit(self) -> None:
        connection = self._require()
        try:
            await connection.commit()
        except (exc.SQLAlchemyError, OSError) as error:
            translated = translate(error)
            if translated is error:
                raise
            raise translated from error

    async def rollback(self) -> None:
        await self._require().rollback()

    def _require(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("a unit of work is used inside `async with`")
        return self._connection


def unit_of_work_factory(database: Database) -> UnitOfWorkFactory:
    """What use-cases take: a new unit of work for each transaction (mypy checks here that it fits the port)."""

    def new() -> StorageUnitOfWork:
        return SqlAlchemyUnitOfWork(database)

    return new


DAMAGED = "the bot's storage cannot be read right now (its database file is damaged); music plays on meanwhile"


def translate(error: BaseException) -> BaseException:
    """Database errors as the application's; anything else unchanged."""
    if isinstance(error, exc.OperationalError | exc.InterfaceError | exc.TimeoutError | exc.DisconnectionError):
        return StorageUnavailable()  # unreachable, locked too long, disconnected: worth trying again
    if isinstance(error, OSError):
        return StorageUnavailable()
    if isinstance(error, exc.IntegrityError | exc.DataError):
        return PersistenceError(f"the database refused a write: {error.orig}")
    if _damaged(error):
        return StorageUnavailable(DAMAGED)
    if isinstance(error, exc.DBAPIError):
        return PersistenceError(f"the database refused this: {error.orig}")
    return error


def _damaged(error: BaseException) -> bool:
    """SQLite's "file is not a database" / "database disk image is malformed": a plain DatabaseError (neither
    a refused write nor a lost connection), raised directly or behind the error a commit translated."""
    cause = error.__cause__ if isinstance(error, StorageUnavailable) else error
    return type(cause) is exc.DatabaseError or isinstance(cause, exc.InternalError)
