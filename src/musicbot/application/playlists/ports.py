"""The storage ports of saved playlists (the guild is the aggregate)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Protocol

from musicbot.application.playlists.views import PlaylistSummary, SummaryPage
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists
from musicbot.domain.track import Track


class PlaylistRepository(Protocol):
    """Saved playlists, loaded and stored a guild at a time (the guild is the aggregate)."""

    async def get(self, guild_id: GuildId) -> GuildPlaylists: ...

    async def save(self, playlists: GuildPlaylists) -> None: ...


class UnitOfWork(Protocol):
    """All-or-nothing: leaving the block without `commit` rolls back."""

    playlists: PlaylistRepository

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class ScopedPlaylistRepository(PlaylistRepository, Protocol):
    """Playlists of a guild that may hold thousands: loaded with only the tracks a use-case needs.

    `get_scoped` gives the whole aggregate (every name and size, the active one) with the tracks of the playlists
    named in `tracks_of` and, when `active_tracks`, of the active one; the others are known by their
    `PlaylistInfo` only. `save` accepts such an aggregate and writes only what changed.
    """

    async def get_scoped(
        self, guild_id: GuildId, *, tracks_of: Collection[str] = (), active_tracks: bool = False
    ) -> GuildPlaylists: ...

    async def names_starting_with(self, guild_id: GuildId, key_prefix: str, *, limit: int) -> list[str]:
        """Names whose key (`PlaylistName.key`) starts with `key_prefix`, in key order, at most `limit`."""
        ...

    async def summaries(self, guild_id: GuildId, *, offset: int, limit: int) -> SummaryPage:
        """A page of the guild's playlists in key order, read without loading the aggregate."""
        ...

    async def summary(self, guild_id: GuildId, name: str | None) -> PlaylistSummary | None:
        """The named playlist (None: the active one) as a view; None when there is no such playlist."""
        ...

    async def tracks_page(self, guild_id: GuildId, name: str, *, offset: int, limit: int) -> tuple[Track, ...]:
        """Tracks of a playlist from 0-based `offset`, at most `limit` (none when it does not exist)."""
        ...


class PlaylistUnitOfWork(Protocol):
    """What the playlist use-cases need of a unit of work (the storage's whole one has it)."""

    playlists: ScopedPlaylistRepository

    async def __aenter__(self) -> PlaylistUnitOfWork: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...


PlaylistUnitOfWorkFactory = Callable[[], PlaylistUnitOfWork]
