"""The storage port of the listening history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from musicbot.application.history.model import PlayRecord
from musicbot.domain.ids import GuildId, UserId


class ListeningHistoryRepository(Protocol):
    async def record(self, play: PlayRecord) -> None: ...

    async def recent(self, guild_id: GuildId, *, limit: int) -> list[PlayRecord]:
        """The guild's last plays, newest first."""
        ...

    async def count_by_user(self, user_id: UserId, *, guild_id: GuildId | None = None) -> int:
        """How many songs a user asked for (that started), in one guild when `guild_id` is given."""
        ...


class HistoryUnitOfWork(Protocol):
    """What recording and reading plays need of a unit of work (the storage's whole one has it)."""

    history: ListeningHistoryRepository

    async def __aenter__(self) -> HistoryUnitOfWork: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...


HistoryUnitOfWorkFactory = Callable[[], HistoryUnitOfWork]
