"""Saved playlists: named, ordered lists of tracks owned by a guild."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Self

from musicbot.domain.errors import (
    DuplicatePlaylist,
    InvalidPosition,
    PlaylistFull,
    PlaylistNotFound,
    PlaylistNotLoaded,
)
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist_name import NAME_MAX_LENGTH, PlaylistName
from musicbot.domain.track import Track

__all__ = ["DEFAULT_PLAYLIST_MAX_SIZE", "NAME_MAX_LENGTH", "GuildPlaylists", "Playlist", "PlaylistInfo", "PlaylistName"]

DEFAULT_PLAYLIST_MAX_SIZE = 500


@dataclass(eq=False, slots=True, kw_only=True)
class Playlist:
    guild_id: GuildId
    name: PlaylistName
    max_size: int = DEFAULT_PLAYLIST_MAX_SIZE
    _tracks: list[Track] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self._tracks) > self.max_size:
            raise PlaylistFull(self.max_size)
        self._tracks = [t.without_stream() for t in self._tracks]

    @classmethod
    def from_snapshot(cls, *, guild_id: GuildId, name: PlaylistName, max_size: int, tracks: Iterable[Track]) -> Self:
        """A playlist as it was stored: its tracks were checked (and stripped of streams) on their way in."""
        playlist = object.__new__(cls)
        playlist.guild_id, playlist.name, playlist.max_size = guild_id, name, max_size
        playlist._tracks = list(tracks)
        return playlist

    @property
    def tracks(self) -> tuple[Track, ...]:
        return tuple(self._tracks)

    def __len__(self) -> int:
        return len(self._tracks)

    def add(self, track: Track) -> int:
        """Append a track (its stream, which expires, is not kept); returns its 1-based position."""
        if len(self._tracks) >= self.max_size:
            raise PlaylistFull(self.max_size)
        self._tracks.append(track.without_stream())
        return len(self._tracks)

    def remove(self, position: int) -> Track:
        return self._tracks.pop(self._index(position))

    def move(self, source: int, target: int) -> Track:
        index = self._index(source)
        if not 1 <= target <= len(self._tracks):
            raise InvalidPosition(target, len(self._tracks))
        track = self._tracks.pop(index)
        self._tracks.insert(target - 1, track)
        return track

    def _index(self, position: int) -> int:
        if not 1 <= position <= len(self._tracks):
            raise InvalidPosition(position, len(self._tracks))
        return position - 1


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistInfo:
    """What a guild always knows of each of its playlists, whether its tracks were loaded or not."""

    name: PlaylistName
    size: int
    max_size: int
    # What storage knows the playlist by (None: not stored yet), carried through renames; not part of equality.
    ref: Hashable = field(default=None, compare=False)

    @classmethod
    def of(cls, playlist: Playlist) -> PlaylistInfo:
        return cls(name=playlist.name, size=len(playlist), max_size=playlist.max_size)


class GuildPlaylists:
    """All playlists of one guild: names unique ignoring case, at most one active.

    A guild may keep thousands of playlists and a command touches one or two, so a repository may load every
    playlist's `PlaylistInfo` (the uniqueness rule needs every name) and the tracks of only the playlists a
    use-case names. Listing, creating, renaming, activating and deleting work on every playlist; what needs
    tracks (`get`, `active`, `playlists`) raises `PlaylistNotLoaded` for a playlist the repository was not
    asked to load: the use-case forgot to name it.
    """

    def __init__(self, guild_id: GuildId, playlists: list[Playlist] | None = None) -> None:
        self.guild_id = guild_id
        self._loaded: dict[str, Playlist] = {}
        self._unloaded: dict[str, PlaylistInfo] = {}
        self._active: str | None = None
        for playlist in playlists or []:
            self._insert(playlist)

    @classmethod
    def from_snapshot(
        cls,
        guild_id: GuildId,
        keyed: Iterable[tuple[str, Playlist]],
        active_key: str | None,
        unloaded: Iterable[tuple[str, PlaylistInfo]] = (),
    ) -> GuildPlaylists:
        """The aggregate as it was stored, over playlists keyed as storage keeps them (its unique index on the
        names' keys judged them, so they are not judged again): `keyed` with their tracks, `unloaded` without."""
        aggregate = cls(guild_id)
        aggregate._loaded = dict(keyed)
        aggregate._unloaded = dict(unloaded)
        aggregate._active = active_key
        return aggregate

    def __len__(self) -> int:
        return len(self._loaded) + len(self._unloaded)

    def members(self) -> Iterable[Playlist]:
        """The playlists loaded with their tracks, in no particular order."""
        return self._loaded.values()

    def unloaded(self) -> Iterable[PlaylistInfo]:
        """The playlists whose tracks were not loaded, in no particular order."""
        return self._unloaded.values()

    @property
    def entries(self) -> tuple[PlaylistInfo, ...]:
        """Every playlist, loaded or not, by name ignoring case."""
        every = [*map(PlaylistInfo.of, self._loaded.values()), *self._unloaded.values()]
        return tuple(sorted(every, key=lambda info: info.name.key))

    @property
    def playlists(self) -> tuple[Playlist, ...]:
        """Every playlist with its tracks, by name ignoring case (`entries` when some may not be loaded)."""
        if self._unloaded:
            raise PlaylistNotLoaded(next(iter(self._unloaded.values())).name.value)
        return tuple(sorted(self._loaded.values(), key=lambda p: p.name.key))

    @property
    def active(self) -> Playlist | None:
        return self._playlist_at(self._active) if self._active is not None else None

    @property
    def active_entry(self) -> PlaylistInfo | None:
        return self._entry_at(self._active) if self._active is not None else None

    def get(self, name: str) -> Playlist:
        """The named playlist with its tracks."""
        return self._playlist_at(self._key_of(name))

    def entry(self, name: str) -> PlaylistInfo:
        return self._entry_at(self._key_of(name))

    def create(self, name: str, *, max_size: int = DEFAULT_PLAYLIST_MAX_SIZE) -> Playlist:
        playlist = Playlist(guild_id=self.guild_id, name=PlaylistName(name), max_size=max_size)
        self._insert(playlist)
        return playlist

    def delete(self, name: str) -> PlaylistInfo:
        key = self._key_of(name)
        deleted = self._entry_at(key)
        self._loaded.pop(key, None)
        self._unloaded.pop(key, None)
        if self._active == key:
            self._active = None
        return deleted

    def rename(self, old: str, new: str) -> PlaylistInfo:
        key = self._key_of(old)
        new_name = PlaylistName(new)
        if new_name.key != key and self._has(new_name.key):
            raise DuplicatePlaylist(new_name.value)
        if key in self._loaded:
            playlist = self._loaded.pop(key)
            playlist.name = new_name
            self._loaded[new_name.key] = playlist
        else:
            self._unloaded[new_name.key] = replace(self._unloaded.pop(key), name=new_name)
        if self._active == key:
            self._active = new_name.key
        return self._entry_at(new_name.key)

    def activate(self, name: str) -> PlaylistInfo:
        key = self._key_of(name)
        self._active = key
        return self._entry_at(key)

    def _has(self, key: str) -> bool:
        return key in self._loaded or key in self._unloaded

    def _key_of(self, name: str) -> str:
        key = PlaylistName(name).key
        if not self._has(key):
            raise PlaylistNotFound(name.strip())
        return key

    def _playlist_at(self, key: str) -> Playlist:
        playlist = self._loaded.get(key)
        if playlist is None:
            raise PlaylistNotLoaded(self._unloaded[key].name.value)
        return playlist

    def _entry_at(self, key: str) -> PlaylistInfo:
        playlist = self._loaded.get(key)
        return PlaylistInfo.of(playlist) if playlist is not None else self._unloaded[key]

    def _insert(self, playlist: Playlist) -> None:
        if playlist.guild_id != self.guild_id:
            raise ValueError("a playlist of another guild")
        if self._has(playlist.name.key):
            raise DuplicatePlaylist(playlist.name.value)
        self._loaded[playlist.name.key] = playlist
