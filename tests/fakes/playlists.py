"""The fake playlist repository: the guild's playlists in memory, scoped on load as the SQL repository scopes them.

See `repositories.py` for how the fakes keep `committed` state and what an open unit of work wrote.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import replace

from musicbot.application.playlists.views import PlaylistSummary, SummaryPage
from musicbot.domain.errors import InvalidPlaylistName, PlaylistNotFound
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistInfo, PlaylistName
from musicbot.domain.track import Track


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
        return copy.deepcopy(stored) if stored is not None else GuildPlaylists(guild_id)

    async def get_scoped(
        self, guild_id: GuildId, *, tracks_of: Collection[str] = (), active_tracks: bool = False
    ) -> GuildPlaylists:
        """Scoped as the SQL repository scopes it, so a use-case that forgot to name a playlist meets
        `PlaylistNotLoaded` in unit tests too; an unloaded playlist's `ref` is its key when it was read."""
        whole = await self.get(guild_id)
        keys = {key for key in map(_key, tracks_of) if key is not None}
        active = whole.active_entry
        if active_tracks and active is not None:
            keys.add(active.name.key)
        every = {p.name.key: p for p in whole.members()}
        return GuildPlaylists.from_snapshot(
            guild_id,
            [(key, p) for key, p in every.items() if key in keys],
            active.name.key if active is not None else None,
            [(key, replace(PlaylistInfo.of(p), ref=key)) for key, p in every.items() if key not in keys],
        )

    async def names_starting_with(self, guild_id: GuildId, key_prefix: str, *, limit: int) -> list[str]:
        playlists = (await self.get(guild_id)).playlists  # in key order
        return [p.name.value for p in playlists if p.name.key.startswith(key_prefix)][:limit]

    async def summaries(self, guild_id: GuildId, *, offset: int, limit: int) -> SummaryPage:
        playlists = await self.get(guild_id)
        every, active = playlists.playlists, playlists.active
        shown = every[max(offset, 0) : max(offset, 0) + max(limit, 0)]
        return SummaryPage(
            summaries=tuple(_summary(p, p is active) for p in shown),
            total=len(every),
            active=active.name.value if active is not None else None,
        )

    async def summary(self, guild_id: GuildId, name: str | None) -> PlaylistSummary | None:
        playlists = await self.get(guild_id)
        try:
            found = playlists.get(name) if name is not None else playlists.active
        except (PlaylistNotFound, InvalidPlaylistName):
            return None
        return _summary(found, found is playlists.active) if found is not None else None

    async def tracks_page(self, guild_id: GuildId, name: str, *, offset: int, limit: int) -> tuple[Track, ...]:
        try:
            playlist = (await self.get(guild_id)).get(name)
        except (PlaylistNotFound, InvalidPlaylistName):
            return ()
        return playlist.tracks[max(offset, 0) : max(offset, 0) + limit]

    async def save(self, playlists: GuildPlaylists) -> None:
        self.saved.append(playlists.guild_id)
        if any(True for _ in playlists.unloaded()):  # kept whole: unloaded ones get their tracks back
            before = {p.name.key: p for p in (await self.get(playlists.guild_id)).members()}
            whole = list(playlists.members())
            for info in playlists.unloaded():
                kept = copy.deepcopy(before[str(info.ref)])
                kept.name = info.name
                whole.append(kept)
            active = playlists.active_entry
            playlists = GuildPlaylists.from_snapshot(
                playlists.guild_id,
                [(p.name.key, p) for p in whole],
                active.name.key if active is not None else None,
            )
        self._pending[playlists.guild_id] = playlists

    def flush(self) -> None:
        self.committed.update({guild: copy.deepcopy(lists) for guild, lists in self._pending.items()})
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()


def _key(name: str) -> str | None:
    try:
        return PlaylistName(name).key
    except InvalidPlaylistName:
        return None


def _summary(playlist: Playlist, active: bool) -> PlaylistSummary:
    return PlaylistSummary(
        name=playlist.name.value,
        size=len(playlist),
        max_size=playlist.max_size,
        active=active,
        total_duration=sum(t.duration or 0.0 for t in playlist.tracks),
    )
