"""Resolutions and recommendation candidates shared through a real redis-server: two resolver stacks (as two
processes: each its own yt-dlp and in-memory caches, one Redis) over the local media server. What the first
resolved, the second answers without yt-dlp and without a request to the media server; the stream keeps its
expiry; Redis gone, each resolves alone (one warning) and playback goes on."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest
import redis.asyncio as aioredis

from musicbot.adapters.redis import RedisSharedCache, connect_redis
from musicbot.adapters.system_clock import SystemClock
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.errors import TrackUnavailable
from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience
from musicbot.application.source_ports import Listing
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.application.support.resilience.source import ResilientSource
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer
from tests.unit.application.recommendation.doubles import ScriptedSource, candidate


class CountingSource:
    """yt-dlp, with each call to it counted."""

    def __init__(self, inner: YtDlpTrackResolver) -> None:
        self.inner = inner
        self.calls: list[str] = []

    async def resolve(self, query: str) -> Track:
        self.calls.append(query)
        return await self.inner.resolve(query)

    async def refresh(self, track: Track) -> Track:
        self.calls.append(track.page_url)
        return await self.inner.refresh(track)

    async def search(self, words: str, *, limit: int) -> list[Track]:
        self.calls.append(words)
        return await self.inner.search(words, limit=limit)

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        self.calls.append(query)
        return await self.inner.list_entries(query, limit=limit)


@dataclass
class Process:
    ytdlp: CountingSource
    source: ResilientSource


@pytest.fixture
async def clients(redis_server: RedisServer) -> AsyncIterator[list[aioredis.Redis]]:
    made = [connect_redis(redis_server.url, timeout=0.5) for _ in range(2)]
    yield made
    for client in made:
        await client.aclose()


@pytest.fixture
def processes(clients: list[aioredis.Redis]) -> Iterator[list[Process]]:
    made = []
    for client in clients:
        ytdlp = YtDlpTrackResolver(clock=SystemClock(), timeout=10.0, allow_private_urls=True)
        counting = CountingSource(ytdlp)
        source = ResilientSource(
            counting, clock=SystemClock(), settings=ResilienceSettings(), shared=RedisSharedCache(client)
        )
        made.append(Process(counting, source))
    yield made
    for process in made:
        process.ytdlp.inner.close()


async def test_a_link_resolved_by_one_process_is_not_resolved_by_another(
    processes: list[Process], own_media_server: MediaServer
) -> None:
    expire = int(time.time()) + 3 * 3600  # a signed stream URL, as YouTube's: its expiry must survive the trip
    page = own_media_server.url(f"/page/audio/tone440.wav?title=Shared%20tone&expire={expire}")
    first, second = processes

    played = await first.source.resolve(page)
    asked = len(own_media_server.requests)
    heard = await second.source.resolve(page)

    assert heard == played
    assert played.stream_expires_at is not None and played.title == "Shared tone"
    assert second.ytdlp.calls == []
    assert len(own_media_server.requests) == asked  # not even a HEAD
    assert second.source.stats().resolver.shared_hits == 1
    assert await second.source.refresh(played.without_stream()) == played  # a light entry of it too
    assert second.ytdlp.calls == []


async def test_a_link_with_nothing_playable_is_not_tried_again_by_another_process(
    processes: list[Process], own_media_server: MediaServer
) -> None:
    empty = own_media_server.url("/page/empty?title=Nothing")
    first, second = processes
    with pytest.raises(TrackUnavailable) as found:
        await first.source.resolve(empty)
    with pytest.raises(TrackUnavailable) as shared:
        await second.source.resolve(empty)
    assert shared.value.reason == found.value.reason and not shared.value.transient
    assert second.ytdlp.calls == []


async def test_redis_killed_each_process_resolves_alone_with_one_warning(
    processes: list[Process],
    own_media_server: MediaServer,
    redis_server: RedisServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first, second = processes
    await first.source.resolve(own_media_server.url("/media/tone880.mp3"))
    redis_server.kill()
    with caplog.at_level(logging.WARNING):
        for name in ("tone880.mp3", "tone660.ogg"):
            track = await second.source.resolve(own_media_server.url(f"/media/{name}"))
            assert track.stream_url is not None
    assert len(second.ytdlp.calls) == 2
    assert sum("shared resolutions unavailable" in message for message in caplog.messages) == 1


async def test_recommendation_candidates_are_shared(clients: list[aioredis.Redis]) -> None:
    answer = [candidate("Shared song", "Band", score=0.75)]
    first_source, second_source = ScriptedSource("search", answer), ScriptedSource("search")
    first, second = (
        CachedCandidates(source, clock=SystemClock(), max_size=10, ttl=60, shared=RedisSharedCache(client))
        for source, client in zip((first_source, second_source), clients, strict=True)
    )
    intent = MusicIntent(genres=("hip hop",), keywords=("studying",))

    found = await first.candidates(intent, limit=5, audience=Audience(guild_id=GuildId(1)))
    heard = await second.candidates(intent, limit=5, audience=Audience(guild_id=GuildId(2)))

    assert heard == found == answer
    assert second_source.calls == []
