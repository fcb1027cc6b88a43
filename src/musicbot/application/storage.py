"""The unit of work over every feature's repositories: one transaction, all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from musicbot.application.guild.ports import GuildSettingsRepository
from musicbot.application.history.ports import ListeningHistoryRepository
from musicbot.application.playlists.ports import ScopedPlaylistRepository, UnitOfWork
from musicbot.application.saved_queues.ports import QueueRepository


class StorageUnitOfWork(UnitOfWork, Protocol):
    """Every repository in one transaction: all-or-nothing, rolled back unless committed."""

    playlists: ScopedPlaylistRepository
    guild_settings: GuildSettingsRepository
    queues: QueueRepository
    history: ListeningHistoryRepository

    async def __aenter__(self) -> StorageUnitOfWork: ...


# A new unit of work for each transaction: use-cases run concurrently, so they never share one.
UnitOfWorkFactory = Callable[[], StorageUnitOfWork]
