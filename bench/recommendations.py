"""Recommendation latency and cache hit rate.

Measured: the offline extractor alone; `Recommend` end to end with the offline extractor, cold (every search
runs) and warm (intent and candidates from cache, the target: p50 < 100 ms); the OpenRouter adapter against
the local fake service (real HTTP on 127.0.0.1, the fake's "model" is instant), alone and end to end; and the
hit rates of the intent and candidate caches over a replayed stream of requests (by default 1,000 requests
drawn from 100 prompts with a Zipf-like distribution, s = 1.1). Search is a stand-in that answers after
`--search-ms` milliseconds (yt-dlp's own search takes ~1 s over the network, which the cache is there to hide).
The warm path is measured again with the listening history the bot uses (SQLite, `--history-plays` plays in the
guild, read as the container reads it). Run: `.venv/bin/python -m bench.recommendations [--requests 1000]
[--prompts 100] [--search-ms 5] [--history-plays 1000]`.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import itertools
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx

from musicbot.adapters.openrouter import build_intent_extractor
from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.adapters.system_clock import SystemClock
from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.ports import ListeningHistory
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.recommend import Recommend, RecommendCommand
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.recommendation.stored_history import StoredListeningHistory
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import SourceKind, Track
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.support.openrouter_fake import OpenRouterFake

GENRES = ["rock", "hip hop", "jazz", "lofi", "k-pop", "metal", "house", "r&b", "country", "classical"]
MOODS = ["chill", "happy", "sad", "energetic", "romantic"]
EXTRAS = ["for studying", "for my workout", "from the 90s", "80s", "for a road trip", "for a party", "to sleep to"]


class StandInSearch:
    """Answers every phrase with invented songs after `delay` seconds, as a remote search would."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.calls = 0

    async def search(self, words: str, *, limit: int) -> list[Track]:
        self.calls += 1
        await asyncio.sleep(self.delay)
        band = hashlib.sha1(words.encode()).hexdigest()[:6]
        return [
            Track(
                title=f"{words} song {n}",
                artist=f"band {band}-{n % 4}",
                duration=180.0 + n,
                page_url=f"https://www.youtube.com/watch?v={band}{n:05d}",
                source=SourceKind.YOUTUBE,
            )
            for n in range(limit)
        ]


async def record_plays(history: StoredListeningHistory, count: int) -> None:
    """`count` plays in guild 1 by 20 people, drawn from 300 songs of 60 artists: a busy server's last plays."""
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(count):
        song = rng.randrange(300)
        track = Track(
            title=f"band {song % 60} - song {song}",
            artist=f"band {song % 60}",
            duration=200.0,
            page_url=f"https://www.youtube.com/watch?v=h{song:010d}",
            source=SourceKind.YOUTUBE,
        )
        await history.record(GuildId(1), UserId(rng.randrange(20)), track, start + timedelta(minutes=4 * n))


def prompts(count: int) -> list[str]:
    combos = itertools.product(GENRES, MOODS, EXTRAS)
    return [f"something {mood} {genre} {extra}" for genre, mood, extra in itertools.islice(combos, count)]


def build(
    extractor: FallbackIntentExtractor, search_delay: float, history: ListeningHistory | None = None
) -> tuple[Recommend, CachedCandidates, StandInSearch]:
    clock, search = SystemClock(), StandInSearch(search_delay)
    history = history or InMemoryListeningHistory()
    settings = RecommendationSettings(rate_limit=1_000_000, burst=1_000_000)
    cached = CachedCandidates(
        SearchCandidates(search), clock=clock, max_size=settings.candidate_cache_size, ttl=settings.candidate_cache_ttl
    )
    source = CombinedCandidates([cached, HistoryCandidates(history)], timeout=settings.source_timeout)

    class NothingHeard:
        def tracks(self, guild_id: GuildId) -> list[Track]:
            return []

    picker = SongPicker(source=source, history=history, heard=NothingHeard(), settings=settings)
    limiter = SlidingWindowRateLimiter(limit=10**6, window=60, burst=10**6, burst_window=10, clock=clock)
    recommend = Recommend(extractor=extractor, picker=picker, limiter=limiter, clock=clock, settings=settings)
    return recommend, cached, search


async def timed(runs: list[Callable[[], Awaitable[object]]]) -> list[float]:
    times = []
    for run in runs:
        started = time.perf_counter()
        await run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"| {name} | {len(times)} | {statistics.median(times):.2f} | {p95:.2f} | {max(times):.2f} |"


def command(prompt: str, user: int) -> RecommendCommand:
    return RecommendCommand(guild_id=GuildId(1), user_id=UserId(user), prompt=prompt)


async def main(requests: int, distinct: int, search_ms: float, seed: int, history_plays: int) -> None:
    texts = prompts(distinct)
    rows: list[str] = []

    started = time.perf_counter()
    for text in texts * 10:
        parse_intent(text)
    per_parse = (time.perf_counter() - started) * 1000 / (len(texts) * 10)
    rows.append(f"| offline extractor alone (mean) | {len(texts) * 10} | {per_parse:.3f} | - | - |")

    offline = build_intent_extractor(api_key=None, model="-", clock=SystemClock())
    recommend, _, _ = build(offline, search_ms / 1000)
    cold = await timed([partial(recommend.execute, command(t, 1)) for t in texts])
    warm = await timed([partial(recommend.execute, command(t, 2)) for t in texts])
    rows.append(row(f"recommend, offline, cold (search {search_ms:g} ms a phrase)", cold))
    rows.append(row("recommend, offline, intent + candidates from cache", warm))
    with tempfile.TemporaryDirectory(prefix="musicbot-bench-") as directory:
        url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}"
        await upgrade_async(url)
        database = create_database(url)
        try:
            seeded = StoredListeningHistory(unit_of_work_factory(database), clock=SystemClock())
            await record_plays(seeded, history_plays)
            for ttl, label in ((5.0, "window kept 5 s"), (1e-6, "window read every time")):
                stored = StoredListeningHistory(
                    unit_of_work_factory(database), clock=SystemClock(), plays=history_plays, window_ttl=ttl
                )
                recommend_sql, _, _ = build(offline, search_ms / 1000, stored)
                await timed([partial(recommend_sql.execute, command(t, 1)) for t in texts])
                warm_sql = await timed([partial(recommend_sql.execute, command(t, 2)) for t in texts])
                name = f"recommend, offline, from cache, SQLite history of {history_plays} plays ({label})"
                rows.append(row(name, warm_sql))
        finally:
            await database.dispose()

    with OpenRouterFake() as fake:
        client = httpx.AsyncClient()
        ai = build_intent_extractor(
            api_key=fake.api_key, model="bench/model", clock=SystemClock(), base_url=fake.base_url, client=client
        )
        await ai.extract(texts[0])  # the first connection
        alone = await timed([partial(ai.extract, t) for t in texts])
        rows.append(row("OpenRouter adapter alone (local fake)", alone))
        recommend_ai, _, _ = build(ai, search_ms / 1000)
        with_ai = await timed([partial(recommend_ai.execute, command(t, 1)) for t in texts])
        rows.append(row("recommend, fake AI, cold", with_ai))

        # The replayed stream: Zipf-like popularity over the prompts, random users.
        rng = random.Random(seed)
        weights = [1 / rank**1.1 for rank in range(1, distinct + 1)]
        stream = rng.choices(texts, weights=weights, k=requests)
        replay, cached, search = build(ai, search_ms / 1000)
        calls_before = ai.ai_calls
        replay_times = await timed([partial(replay.execute, command(t, rng.randrange(500))) for t in stream])
        rows.append(row(f"replayed stream, fake AI ({requests} requests, {distinct} prompts)", replay_times))
        stats = replay.stats()
        ai_calls = ai.ai_calls - calls_before
        await client.aclose()

    print("| measurement | requests | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("| replayed stream | value |")
    print("|---|---|")
    print(f"| intent cache hit rate | {stats.intents.hit_ratio:.1%} ({stats.intents.hits}/{requests}) |")
    print(f"| candidate cache hit rate | {cached.stats().hit_ratio:.1%} ({cached.stats().hits}/{requests}) |")
    print(f"| AI calls | {ai_calls} (fallbacks {stats.extractor.fallbacks}) |")
    print(f"| searches run | {search.calls} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--prompts", type=int, default=100)
    parser.add_argument("--search-ms", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--history-plays", type=int, default=1000, help="plays in the SQLite history (its window)")
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.prompts, args.search_ms, args.seed, args.history_plays))
