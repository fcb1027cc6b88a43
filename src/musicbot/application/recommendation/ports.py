"""The ports recommending needs, owned here: who understands words, where candidates come from, what was played."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from musicbot.application.recommendation.intent import EraRange, MusicIntent
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track


class IntentExtractor(Protocol):
    async def extract(self, prompt: str) -> MusicIntent:
        """What `prompt` asks for. Raises `IntentUnavailable` when it cannot tell (the AI service failed)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Audience:
    """Who a recommendation is for: the guild (its history) and the people listening in its voice channel."""

    guild_id: GuildId
    listeners: frozenset[UserId] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A light track (no stream yet) a source proposes, and how good a fit the source thinks it is (0-1)."""

    track: Track
    source: str
    score: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.score) and 0 <= self.score <= 1):
            raise ValueError(f"a candidate's score runs from 0 to 1, not {self.score}")


class CandidateSource(Protocol):
    name: str

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        """Up to `limit` candidates for `intent`, best first; may raise anything (the combiner survives it)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogQuery:
    """What to look for in a music catalogue: free words, narrowed by artist, genre and release years."""

    words: str = ""
    artist: str | None = None
    genre: str | None = None
    years: EraRange | None = None

    def __post_init__(self) -> None:
        if not (self.words.strip() or self.artist or self.genre or self.years):
            raise ValueError("a catalogue query needs words or at least one filter")


class CatalogSearch(Protocol):
    """A catalogue that knows songs but cannot stream them (Spotify), searched for songs to recommend."""

    async def find_tracks(self, query: CatalogQuery, *, limit: int) -> list[Track]:
        """Up to `limit` light tracks (page URL, no stream), best first. Raises `TrackUnavailable` when the
        catalogue cannot answer (rate-limited, down, credentials refused)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Play:
    guild_id: GuildId
    user_id: UserId
    track: Track
    played_at: datetime


class ListeningHistory(Protocol):
    """What each guild listened to. Tracks are stored without their stream."""

    async def record(self, guild_id: GuildId, user_id: UserId, track: Track, at: datetime) -> None: ...

    async def recent(self, guild_id: GuildId, limit: int) -> list[Play]:
        """The guild's last `limit` plays, newest first."""
        ...

    async def played_together(self, guild_id: GuildId, tracks: list[Track], limit: int) -> list[tuple[Track, int]]:
        """Tracks the guild often played close to any of `tracks` (not those themselves), with how often."""
        ...

    async def played_by(self, guild_id: GuildId, users: frozenset[UserId], limit: int) -> list[tuple[Track, int]]:
        """What `users` (everyone, when empty) played most in the guild, with how often, most played first."""
        ...


class RecentlyHeard(Protocol):
    def tracks(self, guild_id: GuildId) -> list[Track]:
        """What the guild just heard, is hearing or will hear (its player's history, current and upcoming songs)."""
        ...
