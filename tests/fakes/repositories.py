"""Playlists kept in memory behind a unit of work that, like a database, forgets what was not committed."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from musicbot.application.ports import PlaylistRepository
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists


class FakePlaylistRepository:
    """`committed` is the stored state; what `save` receives waits there until the unit of work commits."""

    def __init__(self, committed: dict[GuildId, GuildPlaylists] | None = None) -> None:
        self.committed: dict[GuildId, GuildPlaylists] = committed if committed is not None else {}
        self.saved: list[GuildId] = []
        self._pending: dict[GuildId, GuildPlaylists] = {}

    async def get(self, guild_id: GuildId) -> GuildPlaylists:
        if guild_id in self._pending:
            return self._pending[guild_id]
        stored = self.committed.get(guild_id)
        # A copy, as a database would give: changing it changes nothing stored until it is saved and committed.
        return copy.deepcopy(stored) if stored is not None else GuildPlaylists(guild_id)

    async def save(self, playlists: GuildPlaylists) -> None:
        self.saved.append(playlists.guild_id)
        self._pending[playlists.guild_id] = playlists

    def flush(self) -> None:
        self.committed.update({guild: copy.deepcopy(lists) for guild, lists in self._pending.items()})
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()


class FakeUnitOfWork:
    def __init__(self, repository: FakePlaylistRepository | None = None) -> None:
        self.repository = repository or FakePlaylistRepository()
        # The port's attribute is settable, so it is typed as the port; tests reach the fake through `repository`.
        self.playlists: PlaylistRepository = self.repository
        self.committed = False
        self.commits = 0
        self.rollbacks = 0

    async def __aenter__(self) -> FakeUnitOfWork:
        self.committed = False
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if not self.committed:
            await self.rollback()

    async def commit(self) -> None:
        self.repository.flush()
        self.committed = True
        self.commits += 1

    async def rollback(self) -> None:
        self.repository.discard()
        self.rollbacks += 1


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fakes drift from their ports
    from musicbot.application.ports import UnitOfWork

    _repository: PlaylistRepository = FakePlaylistRepository()
    _uow: UnitOfWork = FakeUnitOfWork()
