"""The storage ports of live queues: the repository, and the unit of work the saver and the restore need."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from musicbot.domain.ids import GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot


class QueueRepository(Protocol):
    """The live queue of each guild, one snapshot a guild: the last saved replaces the one before."""

    async def get(self, guild_id: GuildId) -> QueueSnapshot | None: ...

    async def all(self) -> list[QueueSnapshot]:
        """Every saved queue, by guild id: what to restore at start."""
        ...

    async def save(self, snapshot: QueueSnapshot) -> None: ...

    async def delete(self, guild_id: GuildId) -> None:
        """Forget a guild's queue (it ended, or the bot left); nothing happens when none is saved."""
        ...


class QueueUnitOfWork(Protocol):
    """What saving and restoring queues needs of a unit of work (the storage's whole one has it)."""

    queues: QueueRepository

    async def __aenter__(self) -> QueueUnitOfWork: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...


QueueUnitOfWorkFactory = Callable[[], QueueUnitOfWork]


class SavedQueueLookup(Protocol):
    """The queue saved for one guild, as the running process's storage holds it (the driver's `Storage`)."""

    async def saved_queue(self, guild_id: GuildId) -> QueueSnapshot | None:
        """None: nothing is saved for the guild, or storage is unavailable (then nothing is ever saved)."""
        ...
