"""Saved playlists: named, ordered lists of tracks owned by a guild."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self

from musicbot.domain.errors import (
    DuplicatePlaylist,
    InvalidPlaylistName,
    InvalidPosition,
    PlaylistFull,
    PlaylistNotFound,
)
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track

NAME_MAX_LENGTH = 50
DEFAULT_PLAYLIST_MAX_SIZE = 500
# Control, format, surrogate, private-use, unassigned characters and line/paragraph separators.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


_ZWJ, _ZWNJ, _VS16, _BLACK_FLAG = "\u200d", "\u200c", "\ufe0f", "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)  # the letters of a subdivision flag (🏴 + tags: Scotland, Wales)


def _forbidden(text: str, index: int) -> bool:
    """Invisible format characters are refused (two names would look the same), except those that join visible
    ones: ZWJ inside an emoji sequence (👨‍👩‍👧, 👩🏽‍💻, ❤️‍🔥), ZWNJ between letters (Persian, Indic scripts),
    the tags of a flag."""
    ch = text[index]
    if unicodedata.category(ch) not in _FORBIDDEN_CATEGORIES:
        return False
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if ch == _ZWJ:
        return not (_pictographic(before) and _pictographic(after))
    if ch == _ZWNJ:
        return not (before.isalpha() and after.isalpha())
    if ord(ch) in _TAGS:
        return not (before == _BLACK_FLAG or (before and ord(before) in _TAGS))
    return True


def _pictographic(ch: str) -> bool:
    # Emoji are symbols (So); skin tones are modifiers (Sk); VS16 asks for the emoji form of the one before.
    return bool(ch) and (ch == _VS16 or (ord(ch) > 0x7F and unicodedata.category(ch) in {"So", "Sk"}))


@dataclass(frozen=True, slots=True)
class PlaylistName:
    """A trimmed name of 1-50 printable characters; two names are the same playlist ignoring case."""

    value: str

    def __post_init__(self) -> None:
        trimmed = self.value.strip()
        if not trimmed:
            raise InvalidPlaylistName("a playlist name cannot be empty")
        if len(trimmed) > NAME_MAX_LENGTH:
            raise InvalidPlaylistName(f"a playlist name has at most {NAME_MAX_LENGTH} characters")
        if any(_forbidden(trimmed, index) for index in range(len(trimmed))):
            raise InvalidPlaylistName("a playlist name cannot contain control characters")
        object.__setattr__(self, "value", trimmed)

    @classmethod
    def from_snapshot(cls, value: str) -> PlaylistName:
        """A name as it was stored: validated by `__post_init__` on its way in, so not checked again (10,000
        names a guild would cost ~100 ms a command, bench/persistence.py)."""
        name = object.__new__(cls)
        object.__setattr__(name, "value", value)
        return name

    @property
    def key(self) -> str:
        """What uniqueness is judged on.

        Normalised again after case folding: folding can decompose a character ("ΐ" folds to three code
        points) so that a name and its upper-case form would otherwise differ.
        """
        return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", self.value).casefold())

    def __str__(self) -> str:
        return self.value


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


class GuildPlaylists:
    """All playlists of one guild: names unique ignoring case, at most one active."""

    def __init__(self, guild_id: GuildId, playlists: list[Playlist] | None = None) -> None:
        self.guild_id = guild_id
        self._by_key: dict[str, Playlist] = {}
        self._active: str | None = None
        for playlist in playlists or []:
            self._insert(playlist)

    @classmethod
    def from_snapshot(
        cls, guild_id: GuildId, keyed: Iterable[tuple[str, Playlist]], active_key: str | None
    ) -> GuildPlaylists:
        """The aggregate as it was stored, over playlists keyed as storage keeps them (its unique index on the
        names' keys judged them, so they are not judged again)."""
        aggregate = cls(guild_id)
        aggregate._by_key = dict(keyed)
        aggregate._active = active_key
        return aggregate

    def members(self) -> Iterable[Playlist]:
        """The playlists in no particular order (`playlists` sorts them, by a key computed per name)."""
        return self._by_key.values()

    @property
    def playlists(self) -> tuple[Playlist, ...]:
        return tuple(sorted(self._by_key.values(), key=lambda p: p.name.key))

    @property
    def active(self) -> Playlist | None:
        return self._by_key.get(self._active) if self._active else None

    def get(self, name: str) -> Playlist:
        playlist = self._by_key.get(PlaylistName(name).key)
        if playlist is None:
            raise PlaylistNotFound(name.strip())
        return playlist

    def create(self, name: str, *, max_size: int = DEFAULT_PLAYLIST_MAX_SIZE) -> Playlist:
        playlist = Playlist(guild_id=self.guild_id, name=PlaylistName(name), max_size=max_size)
        self._insert(playlist)
        return playlist

    def delete(self, name: str) -> Playlist:
        playlist = self.get(name)
        del self._by_key[playlist.name.key]
        if self._active == playlist.name.key:
            self._active = None
        return playlist

    def rename(self, old: str, new: str) -> Playlist:
        playlist = self.get(old)
        new_name = PlaylistName(new)
        if new_name.key != playlist.name.key and new_name.key in self._by_key:
            raise DuplicatePlaylist(new_name.value)
        was_active = self._active == playlist.name.key
        del self._by_key[playlist.name.key]
        playlist.name = new_name
        self._by_key[new_name.key] = playlist
        if was_active:
            self._active = new_name.key
        return playlist

    def activate(self, name: str) -> Playlist:
        playlist = self.get(name)
        self._active = playlist.name.key
        return playlist

    def _insert(self, playlist: Playlist) -> None:
        if playlist.guild_id != self.guild_id:
            raise ValueError("a playlist of another guild")
        if playlist.name.key in self._by_key:
            raise DuplicatePlaylist(playlist.name.value)
        self._by_key[playlist.name.key] = playlist
