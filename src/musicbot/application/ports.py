"""The ports the application needs from the outside world, as Protocols it owns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from musicbot.application.guild.saved_settings import GuildSettings
from musicbot.application.history.model import PlayRecord
from musicbot.application.playlists.views import PlaylistSummary, SummaryPage
from musicbot.application.saved_queues.snapshot import QueueSnapshot
from musicbot.domain.audio_filter import NO_FILTER, AudioFilter
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.playlist import GuildPlaylists
from musicbot.domain.track import Track


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class TrackResolver(Protocol):
    """Turns what a user typed into a playable track.

    Raises `TrackUnavailable` (or its `NoResults`) with a reason a user understands; never a library error.
    """

    async def resolve(self, query: str) -> Track:
        """A URL or search words -> a track with a fresh stream URL."""
        ...

    async def refresh(self, track: Track) -> Track:
        """The same track with a fresh stream URL (the old one expired or broke)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    """A playlist, album or feed: its entries are light tracks (no stream yet), resolved one by one later.

    An entry is either a page the resolver can refresh (source YOUTUBE, SOUNDCLOUD, HTTP, ...) or a SEARCH
    track whose page_url holds search words (e.g. "artist - title" for a Spotify entry).
    """

    title: str
    url: str
    entries: tuple[Track, ...]
    # Entries the source has but did not give (limits, private items): said to the user, never silently lost.
    skipped: int = 0
    note: str | None = None


class PlaylistLister(Protocol):
    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        """The entries of a playlist link (at most `limit`), or None when `query` is not a playlist."""
        ...


class TrackSearch(Protocol):
    async def search(self, words: str, *, limit: int) -> list[Track]:
        """Up to `limit` candidates for search words, best first (light tracks: no stream yet)."""
        ...


class PlayableSource(TrackResolver, PlaylistLister, TrackSearch, Protocol):
    """A source that streams: resolves, refreshes, lists playlists and searches (yt-dlp, and its wrappers)."""


class MusicCatalog(Protocol):
    """A catalogue that knows songs but cannot stream them (Spotify): its entries are mapped by search.

    Entries come back as light tracks with source SPOTIFY: title, artist(s), duration and the catalogue's URL.
    Raises `TrackUnavailable` with a reason users understand (no credentials, private playlist, not found).
    """

    def handles(self, query: str) -> bool:
        """True for links this catalogue reads (checked without I/O)."""
        ...

    async def lookup(self, url: str, *, limit: int) -> Listing:
        """The tracks behind a track, album, playlist or artist link (a single track gives one entry)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaybackRequest:
    """What an audio output needs to play one track."""

    stream_url: str
    http_headers: tuple[tuple[str, str], ...] = ()
    start_at: float = 0.0
    volume: float = 1.0
    title: str = ""
    duration: float | None = None  # of the whole track; None for live streams
    audio_filter: AudioFilter = NO_FILTER  # heard through it; `start_at` and `duration` stay in song time


class PlaybackEnded(Protocol):
    """Called once per `play`, on the event loop, when that playback ends: `reason` None when the stream ran
    out, else why it broke. `position`: seconds into the song of the audio actually sent (None: the output
    cannot tell); `stalled`: the source sent nothing at all in time, so trying it again is not worth the wait."""

    def __call__(
        self, reason: str | None, /, *, position: float | None = None, stalled: bool = False
    ) -> Awaitable[None]: ...


class VoiceGateway(Protocol):
    """Where audio goes: a Discord voice connection, a local file, the speakers.

    `play` replaces whatever plays; `on_end` is not called for a playback that `stop` or a new `play` ended.
    """

    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None: ...

    async def disconnect(self, guild_id: GuildId) -> None: ...

    def is_connected(self, guild_id: GuildId) -> bool: ...

    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None: ...

    async def stop(self, guild_id: GuildId) -> None: ...

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        """`request` will most likely be played next: open its source ahead so the change has no gap."""
        ...

    async def pause(self, guild_id: GuildId) -> None: ...

    async def resume(self, guild_id: GuildId) -> None: ...

    async def set_volume(self, guild_id: GuildId, volume: float) -> None: ...

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        """What plays goes on through `audio_filter`, from where it is, without a gap (later plays carry it)."""
        ...


@runtime_checkable
class TellsPosition(Protocol):
    """An output that knows how far into the song the audio it sent got (it stands still while paused, and
    while a dropped connection is down); the player's clock is only a fallback for outputs that cannot tell."""

    def elapsed(self, guild_id: GuildId) -> float | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchProgress:
    """Where loading a playlist stands; sent as it goes, so a front end can show (and edit) one report."""

    batch_id: int
    title: str
    total: int  # entries that will be queued
    queued: int
    skipped: int  # entries not queued (the queue is full, the source hid them)
    done: bool = False
    cancelled: bool = False
    note: str | None = None


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
    named in `tracks_of` and, when `active_tracks`, of the active one; the others are `UnloadedPlaylist`s. `save`
    accepts such an aggregate and writes only what changed.
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


class GuildSettingsRepository(Protocol):
    async def get(self, guild_id: GuildId) -> GuildSettings:
        """The guild's settings; the defaults when it never changed any."""
        ...

    async def find(self, guild_id: GuildId) -> GuildSettings | None:
        """The guild's saved settings; None when it never saved any (the caller picks the defaults)."""
        ...

    async def save(self, settings: GuildSettings) -> None: ...


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


class ListeningHistoryRepository(Protocol):
    async def record(self, play: PlayRecord) -> None: ...

    async def recent(self, guild_id: GuildId, *, limit: int) -> list[PlayRecord]:
        """The guild's last plays, newest first."""
        ...

    async def by_user(self, user_id: UserId, *, limit: int, guild_id: GuildId | None = None) -> list[PlayRecord]:
        """What a user asked for, newest first; in one guild when `guild_id` is given."""
        ...

    async def count_by_user(self, user_id: UserId, *, guild_id: GuildId | None = None) -> int:
        """How many songs a user asked for (that started), in one guild when `guild_id` is given."""
        ...


class StorageUnitOfWork(UnitOfWork, Protocol):
    """Every repository in one transaction: all-or-nothing, rolled back unless committed."""

    playlists: ScopedPlaylistRepository
    guild_settings: GuildSettingsRepository
    queues: QueueRepository
    history: ListeningHistoryRepository

    async def __aenter__(self) -> StorageUnitOfWork: ...


# A new unit of work for each transaction: use-cases run concurrently, so they never share one.
UnitOfWorkFactory = Callable[[], StorageUnitOfWork]
