"""Value objects of a member's Spotify link and the taste it tells about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from musicbot.domain.ids import UserId
from musicbot.domain.track import Track

# What the bot asks a member for: their top items, recent plays and saved songs (taste), and their playlists
# (to create one in their account).
SCOPES = (
    "user-top-read",
    "user-read-recently-played",
    "user-library-read",
    "playlist-modify-private",
    "playlist-modify-public",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpotifyTokens:
    """An access token (an hour) and the refresh token that renews it. Never logged, never exported."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime
    scopes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.access_token or not self.refresh_token:
            raise ValueError("tokens need an access token and a refresh token")

    def expires_within(self, now: datetime, margin: timedelta) -> bool:
        return self.expires_at - margin <= now


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedAccount:
    user_id: UserId
    account_id: str  # `GET /me`'s account_id: the key Spotify keeps stable
    display_name: str | None
    tokens: SpotifyTokens
    linked_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SpotifyIdentity:
    account_id: str
    display_name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TasteProfile:
    """What a member listens to on Spotify, best first: artists (names) and songs (light tracks, Spotify pages)."""

    user_id: UserId
    artists: tuple[str, ...]
    tracks: tuple[Track, ...]
    refreshed_at: datetime

    @property
    def is_empty(self) -> bool:
        return not (self.artists or self.tracks)


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogTrack:
    """A Spotify track found for a song (its URI is what playlists take)."""

    uri: str
    title: str
    artist: str | None = None
