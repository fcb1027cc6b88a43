"""The ports of the song sources: what streams (yt-dlp and its wrappers) and what only knows songs (Spotify).

Outside the feature packages (as `storage.py`): the generic resilience wrappers (`support/resilience/`) and the
measured source (`monitoring/`), which sit below `sources/` in the layers, wrap these ports too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from musicbot.domain.track import Track


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


@dataclass(frozen=True, slots=True)
class WarmUp:
    """Whether the process may take traffic as far as a source's start-up goes (`ready`), and in words what is not
    right: why it waits, or what is degraded once it stopped waiting (None: warm)."""

    ready: bool
    detail: str | None = None


class WarmingSource(Protocol):
    """A source that gets ready in the background after its start (yt-dlp's worker processes, seconds on a busy
    machine): readiness waits for it, for a bounded time. A source without such a start does not implement it."""

    def warm_up_state(self) -> WarmUp:
        """Not ready while it warms up (for a bounded time); then ready, with what is degraded if it is not warm."""
        ...


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
