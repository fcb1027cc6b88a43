"""A playlist known by name and size whose tracks were not loaded: what a scoped load of a guild holds.

A guild may keep thousands of playlists; a command touches one or two. Loading every track to add one would make
commands slow as a guild's collection grows, so repositories can load the whole `GuildPlaylists` aggregate
(names: its uniqueness rule needs them all) with the tracks of only the playlists a use-case names. The others
stand in as `UnloadedPlaylist`: they can be listed, renamed, activated and deleted, and reading or changing
their tracks raises `PlaylistNotLoaded` instead of silently seeing an empty list.
"""

from __future__ import annotations

from typing import Self

from musicbot.application.storage_errors import PlaylistNotLoaded
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import Playlist, PlaylistName
from musicbot.domain.track import Track


class UnloadedPlaylist(Playlist):
    __slots__ = ("_stored_size",)

    def __init__(self, *, guild_id: GuildId, name: PlaylistName, max_size: int, size: int) -> None:
        super().__init__(guild_id=guild_id, name=name, max_size=max_size)
        self._stored_size = size

    @classmethod
    def stored(cls, *, guild_id: GuildId, name: PlaylistName, max_size: int, size: int) -> Self:
        """As read back from storage (see `Playlist.from_snapshot`)."""
        playlist = cls.from_snapshot(guild_id=guild_id, name=name, max_size=max_size, tracks=())
        playlist._stored_size = size
        return playlist

    @property
    def tracks(self) -> tuple[Track, ...]:
        raise PlaylistNotLoaded(self.name.value)

    def __len__(self) -> int:
        return self._stored_size

    def add(self, track: Track) -> int:
        raise PlaylistNotLoaded(self.name.value)

    def remove(self, position: int) -> Track:
        raise PlaylistNotLoaded(self.name.value)

    def move(self, source: int, target: int) -> Track:
        raise PlaylistNotLoaded(self.name.value)
