"""Test doubles for recommending: a search that invents plausible results, scripted extractors and sources."""

from __future__ import annotations

import asyncio
import hashlib
from typing import TYPE_CHECKING

from musicbot.application.errors import TrackUnavailable
from musicbot.application.recommendation.errors import IntentUnavailable
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate, CatalogQuery
from musicbot.domain.ids import GuildId
from musicbot.domain.track import SourceKind, Track


def track(title: str, artist: str | None = None, *, duration: float | None = 200.0, url: str | None = None) -> Track:
    """A light search result; its page URL is derived from artist and title unless given."""
    slug = hashlib.sha1(f"{artist}|{title}".encode()).hexdigest()[:11]
    return Track(
        title=title,
        artist=artist,
        duration=duration,
        page_url=url or f"https://www.youtube.com/watch?v={slug}",
        source=SourceKind.YOUTUBE,
    )


def candidate(
    title: str, artist: str | None = None, *, score: float = 0.5, source: str = "search", **kw: object
) -> Candidate:
    return Candidate(track=track(title, artist, **kw), source=source, score=score)  # type: ignore[arg-type]


class FakeSearch:
    """Search words -> tracks: scripted ones first, else `per_phrase` invented songs, each by its own invented
    band, whose titles carry the words (so the ranking finds the intent in them). Failures scripted by words.
    """

    def __init__(self, *, per_phrase: int = 8) -> None:
        self.calls: list[tuple[str, int]] = []
        self.table: dict[str, list[Track]] = {}
        self.failing: set[str] = set()
        self.fail_all = False
        self.per_phrase = per_phrase
        self.gate: asyncio.Event | None = None

    async def search(self, words: str, *, limit: int) -> list[Track]:
        self.calls.append((words, limit))
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_all or words in self.failing:
            raise TrackUnavailable("search is down", transient=True)
        if words in self.table:
            return self.table[words][:limit]
        band = hashlib.sha1(words.encode()).hexdigest()[:4]
        return [track(f"{words} song {n}", f"band {band}-{n}") for n in range(1, min(limit, self.per_phrase) + 1)]


class FakeCatalog:
    """Catalogue queries -> light Spotify tracks: scripted ones first, else `per_query` invented songs named after
    the query. Failures scripted by query, or all at once.
    """

    def __init__(self, *, per_query: int = 10) -> None:
        self.calls: list[tuple[CatalogQuery, int]] = []
        self.table: dict[CatalogQuery, list[Track]] = {}
        self.failing: set[CatalogQuery] = set()
        self.fail_all = False
        self.per_query = per_query

    async def find_tracks(self, query: CatalogQuery, *, limit: int) -> list[Track]:
        self.calls.append((query, limit))
        if self.fail_all or query in self.failing:
            raise TrackUnavailable("Spotify is rate-limiting the bot; try again in 30 s", transient=True)
        if query in self.table:
            return self.table[query][:limit]
        label = " ".join(str(part) for part in (query.words, query.artist, query.genre, query.years) if part)
        slug = hashlib.sha1(label.encode()).hexdigest()[:8]
        return [
            Track(
                title=f"{label} song {n}",
                artist=query.artist or f"artist {slug}-{n}",
                duration=200.0,
                page_url=f"https://open.spotify.com/track/{slug}{n}",
                source=SourceKind.SPOTIFY,
            )
            for n in range(1, min(limit, self.per_query) + 1)
        ]


class ScriptedExtractor:
    """Answers from a table (else raises); counts calls; can be made to fail or hang."""

    def __init__(self, answers: dict[str, MusicIntent] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[str] = []
        self.error: Exception | None = None
        self.hang = False

    async def extract(self, prompt: str) -> MusicIntent:
        self.calls.append(prompt)
        if self.hang:
            await asyncio.Event().wait()
        if self.error is not None:
            raise self.error
        if prompt not in self.answers:
            raise IntentUnavailable(f"no scripted answer for {prompt!r}")
        return self.answers[prompt]


class ScriptedSource:
    """A candidate source with a fixed answer, or a failure, or a hang."""

    def __init__(self, name: str, answer: list[Candidate] | None = None) -> None:
        self.name = name
        self.answer = answer or []
        self.error: Exception | None = None
        self.hang = False
        self.calls: list[tuple[MusicIntent, int, Audience]] = []

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        self.calls.append((intent, limit, audience))
        if self.hang:
            await asyncio.Event().wait()
        if self.error is not None:
            raise self.error
        return self.answer[:limit]


class FixedHeard:
    """`RecentlyHeard` from a table: guild -> tracks."""

    def __init__(self) -> None:
        self.by_guild: dict[GuildId, list[Track]] = {}

    def tracks(self, guild_id: GuildId) -> list[Track]:
        return list(self.by_guild.get(guild_id, []))


if TYPE_CHECKING:
    from musicbot.application.recommendation.ports import (
        CandidateSource,
        CatalogSearch,
        IntentExtractor,
        RecentlyHeard,
    )
    from musicbot.application.source_ports import TrackSearch

    _search: TrackSearch = FakeSearch()
    _catalog: CatalogSearch = FakeCatalog()
    _extractor: IntentExtractor = ScriptedExtractor()
    _source: CandidateSource = ScriptedSource("x")
    _heard: RecentlyHeard = FixedHeard()
