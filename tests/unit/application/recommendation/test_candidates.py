"""Candidate sources: search phrases from the intent, the server's history, all of them at once, and caching."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.ports import Audience
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.fakes.shared_cache import FakeSharedCache
from tests.unit.application.recommendation.doubles import FakeSearch, ScriptedSource, candidate, track

GUILD = GuildId(1)
ALICE, BOB = UserId(7), UserId(8)
AUDIENCE = Audience(guild_id=GUILD, listeners=frozenset({ALICE}))
T0 = datetime(2025, 1, 1, tzinfo=UTC)


# --- search ------------------------------------------------------------------------------------------------------
async def test_search_asks_phrases_built_from_the_intent_and_scores_by_phrase_and_position() -> None:
    search = FakeSearch(per_phrase=3)
    source = SearchCandidates(search, phrases=4, per_phrase=3)

    found = await source.candidates(parse_intent("90s hip hop for studying"), limit=50, audience=AUDIENCE)

    asked = [words for words, _ in search.calls]
    assert asked[0] == "90s hip hop study" and "best hip hop songs 90s" in asked
    assert all(limit == 3 for _, limit in search.calls)
    assert found[0].track.title == "90s hip hop study song 1" and found[0].score == 1.0
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert {c.source for c in found} == {"search"}


async def test_search_survives_some_phrases_failing_but_not_all() -> None:
    search = FakeSearch()
    search.failing.add("rock workout")
    source = SearchCandidates(search)
    intent = parse_intent("rock for my workout")

    assert await source.candidates(intent, limit=50, audience=AUDIENCE)
    search.fail_all = True
    with pytest.raises(Exception, match="search is down"):
        await source.candidates(intent, limit=50, audience=AUDIENCE)


async def test_search_placeholders_are_not_candidates() -> None:
    search = FakeSearch()
    search.table["popular songs"] = [Track(title="x", page_url="x", source=SourceKind.SEARCH), track("real")]

    found = await SearchCandidates(search).candidates(MusicIntent(), limit=10, audience=AUDIENCE)

    assert [c.track.title for c in found] == ["real"]


# --- history -----------------------------------------------------------------------------------------------------
async def play(history: InMemoryListeningHistory, user: UserId, *tracks: Track, guild: GuildId = GUILD) -> None:
    for n, played in enumerate(tracks):
        await history.record(guild, user, played, T0 + timedelta(minutes=n))


async def test_history_proposes_what_was_played_with_the_last_songs_and_what_listeners_like() -> None:
    history = InMemoryListeningHistory()
    a, b, c, d = track("A", "x"), track("B", "y"), track("C", "z"), track("D", "w")
    await play(history, BOB, a, b, c, a, b)  # b follows a twice
    await play(history, ALICE, d, d)
    await play(history, BOB, a)

    found = await HistoryCandidates(history, seeds=1).candidates(MusicIntent(), limit=10, audience=AUDIENCE)

    by_title = {candidate.track.title: candidate.score for candidate in found}
    assert by_title["B"] > by_title["C"]  # played with A more often
    assert "D" in by_title and "A" not in by_title  # Alice's favourite; not the seed itself
    assert {candidate.source for candidate in found} == {"history"}


async def test_history_songs_off_the_request_count_less_and_seed_artists_count_more() -> None:
    history = InMemoryListeningHistory()
    await play(history, BOB, track("Harder Better Faster", "Daft Punk"), track("Some Ballad", "Adele"))

    found = await HistoryCandidates(history).candidates(
        MusicIntent(seed_artists=("Daft Punk",)), limit=10, audience=AUDIENCE
    )

    by_title = {candidate.track.title: candidate.score for candidate in found}
    assert by_title["Harder Better Faster"] > by_title.get("Some Ballad", 0)


async def test_an_empty_history_proposes_nothing() -> None:
    found = await HistoryCandidates(InMemoryListeningHistory()).candidates(MusicIntent(), limit=5, audience=AUDIENCE)
    assert found == []


# --- combined ----------------------------------------------------------------------------------------------------
async def test_sources_are_asked_at_once_and_a_failing_or_slow_one_only_loses_its_share() -> None:
    good = ScriptedSource("good", [candidate("ok")])
    broken = ScriptedSource("broken")
    broken.error = RuntimeError("boom")
    slow = ScriptedSource("slow")
    slow.hang = True
    combined = CombinedCandidates([good, broken, slow], timeout=0.05)

    found = await combined.candidates(MusicIntent(), limit=5, audience=AUDIENCE)

    assert [c.track.title for c in found] == ["ok"]
    assert combined.failures == {"broken": 1, "slow": 1}
    assert all(calls == [(MusicIntent(), 5, AUDIENCE)] for calls in (good.calls, broken.calls, slow.calls))


def test_a_combination_needs_sources_and_time() -> None:
    with pytest.raises(ValueError):
        CombinedCandidates([], timeout=1)
    with pytest.raises(ValueError):
        CombinedCandidates([ScriptedSource("x")], timeout=0)


# --- cached ------------------------------------------------------------------------------------------------------
async def test_answers_are_cached_by_intent_shared_by_concurrent_askers_and_expire() -> None:
    clock = ManualClock()
    inner = ScriptedSource("search", [candidate("ok")])
    cached = CachedCandidates(inner, clock=clock, max_size=10, ttl=60)
    other_guild = Audience(guild_id=GuildId(2))

    await asyncio.gather(*(cached.candidates(MusicIntent(), limit=5, audience=AUDIENCE) for _ in range(3)))
    await cached.candidates(MusicIntent(), limit=5, audience=other_guild)
    assert len(inner.calls) == 1 and cached.coalesced == 2 and cached.stats().hits == 1

    clock.advance(61)
    await cached.candidates(MusicIntent(), limit=5, audience=AUDIENCE)
    assert len(inner.calls) == 2


async def test_per_audience_caching_and_empty_answers_are_not_kept() -> None:
    inner = ScriptedSource("history")
    cached = CachedCandidates(inner, clock=ManualClock(), max_size=10, ttl=60, per_audience=True)

    await cached.candidates(MusicIntent(), limit=5, audience=AUDIENCE)
    inner.answer = [candidate("now")]
    await cached.candidates(MusicIntent(), limit=5, audience=AUDIENCE)
    await cached.candidates(MusicIntent(), limit=5, audience=Audience(guild_id=GuildId(2)))

    assert len(inner.calls) == 3


async def test_with_a_shared_cache_a_second_process_does_not_ask_its_source() -> None:
    clock = ManualClock()
    store = FakeSharedCache(clock)
    answer = [candidate("ok", "Band", score=0.75), candidate("also", score=0.25)]
    first_source, second_source = ScriptedSource("search", answer), ScriptedSource("search", [candidate("other")])
    first = CachedCandidates(first_source, clock=clock, max_size=10, ttl=60, shared=store)
    second = CachedCandidates(second_source, clock=clock, max_size=10, ttl=60, shared=store)
    intent = parse_intent("90s hip hop for studying")

    found = await first.candidates(intent, limit=5, audience=AUDIENCE)
    heard = await second.candidates(intent, limit=5, audience=Audience(guild_id=GuildId(2)))

    assert heard == found == answer
    assert second_source.calls == [] and second.shared_hits == 1
    await second.candidates(intent, limit=3, audience=AUDIENCE)  # another question: asked
    assert len(second_source.calls) == 1
    clock.advance(61)  # expired everywhere
    await second.candidates(intent, limit=5, audience=AUDIENCE)
    assert len(second_source.calls) == 2


async def test_per_audience_shared_keys_do_not_depend_on_the_order_of_listeners() -> None:
    clock = ManualClock()
    store = FakeSharedCache(clock)
    first_source, second_source = ScriptedSource("history", [candidate("ours")]), ScriptedSource("history")
    first = CachedCandidates(first_source, clock=clock, max_size=10, ttl=60, per_audience=True, shared=store)
    second = CachedCandidates(second_source, clock=clock, max_size=10, ttl=60, per_audience=True, shared=store)
    listeners = [UserId(n << 40) for n in range(1, 30)]

    await first.candidates(MusicIntent(), limit=5, audience=Audience(guild_id=GUILD, listeners=frozenset(listeners)))
    backwards = frozenset(reversed(listeners))
    assert await second.candidates(MusicIntent(), limit=5, audience=Audience(guild_id=GUILD, listeners=backwards))
    await second.candidates(MusicIntent(), limit=5, audience=Audience(guild_id=GuildId(2), listeners=backwards))
    assert len(second_source.calls) == 1  # another guild: its own answer


async def test_a_shared_cache_away_is_a_miss_not_a_failure() -> None:
    clock = ManualClock()
    store = FakeSharedCache(clock)
    store.down = True
    source = ScriptedSource("search", [candidate("ok")])
    cached = CachedCandidates(source, clock=clock, max_size=10, ttl=60, shared=store)

    assert await cached.candidates(MusicIntent(), limit=5, audience=AUDIENCE) == [candidate("ok")]
