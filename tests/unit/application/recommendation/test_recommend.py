"""The `Recommend` use-case: words -> intent (cached) -> candidates -> ranked light tracks; limits and counters."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest

from musicbot.application.errors import InvalidQuery
from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.errors import NoRecommendations, NotAMusicRequest, RateLimited
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.offline import LexiconIntentExtractor, parse_intent
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.recommend import Recommend, RecommendCommand
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.recommendation.songs import song_key
from musicbot.domain.ids import GuildId, UserId
from tests.fakes.clock import ManualClock
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.unit.application.recommendation.doubles import FakeSearch, FixedHeard, ScriptedExtractor, track

GUILD = GuildId(1)
ALICE, BOB = UserId(7), UserId(8)
PROMPT = "something chill for studying, 90s hip hop vibes"


@dataclass
class World:
    clock: ManualClock
    search: FakeSearch
    history: InMemoryListeningHistory
    heard: FixedHeard
    ai: ScriptedExtractor | None
    recommend: Recommend

    async def ask(self, prompt: str = PROMPT, user: UserId = ALICE) -> tuple[list[str], bool]:
        result = await self.recommend.execute(RecommendCommand(guild_id=GUILD, user_id=user, prompt=prompt))
        return [t.title for t in result.tracks], result.used_ai


def build(*, ai: ScriptedExtractor | None = None, **options: object) -> World:
    clock, search, history, heard = ManualClock(), FakeSearch(), InMemoryListeningHistory(), FixedHeard()
    settings = replace(RecommendationSettings(), **options)  # type: ignore[arg-type]
    cached_search = CachedCandidates(SearchCandidates(search), clock=clock, max_size=64, ttl=300)
    source = CombinedCandidates([cached_search, HistoryCandidates(history)], timeout=1.0)
    picker = SongPicker(source=source, history=history, heard=heard, settings=settings)
    limiter = SlidingWindowRateLimiter(
        limit=settings.rate_limit,
        window=settings.rate_window,
        burst=settings.burst,
        burst_window=settings.burst_window,
        clock=clock,
    )
    extractor = FallbackIntentExtractor(ai, LexiconIntentExtractor())
    recommend = Recommend(extractor=extractor, picker=picker, limiter=limiter, clock=clock, settings=settings)
    return World(clock, search, history, heard, ai, recommend)


async def test_a_request_gives_light_tracks_for_what_the_words_say() -> None:
    world = build()

    result = await world.recommend.execute(RecommendCommand(guild_id=GUILD, user_id=ALICE, prompt=PROMPT))

    assert result.intent == parse_intent(PROMPT) and not result.used_ai
    assert len(result.tracks) == 10 and all(t.stream_url is None for t in result.tracks)
    assert result.tracks[0].title.startswith("90s hip hop chill study")
    per_artist = [song_key(t).artist for t in result.tracks]
    assert max(per_artist.count(a) for a in per_artist) <= 2


async def test_the_count_asked_for_is_honoured() -> None:
    titles, _ = await build().ask("3 rock songs for my workout")
    assert len(titles) == 3


async def test_the_ai_reads_the_words_when_there_is_one_and_its_reading_is_cached() -> None:
    ai = ScriptedExtractor({PROMPT: MusicIntent(genres=("jazz",), count=4)})
    world = build(ai=ai)

    titles, used_ai = await world.ask()
    again, _ = await world.ask("  Something chill for studying,   90s HIP HOP vibes ", user=BOB)

    assert used_ai and len(titles) == 4 and titles == again
    assert ai.calls == [PROMPT]
    stats = world.recommend.stats()
    assert (stats.requests, stats.intents.hits, stats.extractor.ai_calls) == (2, 1, 1)


async def test_a_failing_ai_falls_back_and_is_asked_again_a_minute_later() -> None:
    ai = ScriptedExtractor()  # knows nothing: every call fails
    world = build(ai=ai)

    titles, used_ai = await world.ask()
    await world.ask(user=BOB)
    world.clock.advance(61)
    await world.ask(user=UserId(9))

    assert titles and not used_ai
    assert len(ai.calls) == 2
    stats = world.recommend.stats().extractor
    assert (stats.ai_calls, stats.fallbacks, stats.failures) == (2, 2, 2)


async def test_concurrent_identical_requests_share_one_reading_and_one_search() -> None:
    ai = ScriptedExtractor({PROMPT: parse_intent(PROMPT)})
    world = build(ai=ai, rate_limit=10, burst=5)

    results = await asyncio.gather(*(world.ask(user=UserId(n)) for n in range(5)))

    assert len(ai.calls) == 1
    assert len({tuple(titles) for titles, _ in results}) == 1
    searches = len(world.search.calls)
    await world.ask(user=UserId(99))
    assert len(world.search.calls) == searches  # the candidates came from the cache


async def test_what_the_guild_has_queued_or_just_heard_is_left_out() -> None:
    world = build()
    first, _ = await world.ask()
    world.heard.by_guild[GUILD] = [track(first[0], None, url="https://elsewhere/1")]
    await world.history.record(GUILD, BOB, track(first[1], None, url="https://elsewhere/2"), world.clock.now())

    world.clock.advance(20)
    second, _ = await world.ask()

    assert first[0] not in second and first[1] not in second
    assert second[:8] == first[2:10]


async def test_a_user_asking_too_often_is_told_when_to_come_back() -> None:
    world = build(rate_limit=5, burst=2, burst_window=10)
    await world.ask()
    await world.ask()

    with pytest.raises(RateLimited) as refused:
        await world.ask()

    assert 0 < refused.value.retry_after_seconds <= 10
    await world.ask(user=BOB)  # others are not held back
    world.clock.advance(refused.value.retry_after_seconds)
    await world.ask()
    assert world.recommend.stats().rate_limited == 1


@pytest.mark.parametrize("prompt", ["", "   ", "x" * 301])
async def test_empty_or_overlong_requests_are_refused_before_anything_else(prompt: str) -> None:
    world = build()
    with pytest.raises(InvalidQuery):
        await world.ask(prompt)
    assert world.search.calls == [] and world.recommend.stats().requests == 0


async def test_with_search_down_the_history_still_answers_and_without_it_nothing_is_found() -> None:
    world = build()
    world.search.fail_all = True

    with pytest.raises(NoRecommendations):
        await world.ask("rock for my workout")
    await world.history.record(GUILD, BOB, track("Thunderstruck rock anthem", "AC/DC"), world.clock.now())
    for n in range(RecommendationSettings().exclude_recent):  # later plays by others: just heard, left out
        await world.history.record(GUILD, ALICE, track(f"filler {n}", "X"), world.clock.now())
    world.clock.advance(timedelta(minutes=1).total_seconds())
    titles, _ = await world.ask("rock for my workout", user=BOB)

    assert titles == ["Thunderstruck rock anthem"]
    assert world.recommend.stats().nothing_found == 1


@pytest.mark.parametrize("prompt", ["hi bot", "thanks, great song!", "can you skip this", "lol", "merci"])
async def test_chat_gets_a_question_back_without_searching_asking_the_ai_or_counting_against_the_limit(
    prompt: str,
) -> None:
    world = build(ai=ScriptedExtractor(), burst=1, rate_limit=1)

    with pytest.raises(NotAMusicRequest) as raised:
        await world.ask(prompt)

    assert raised.value.question.startswith("What would you like to hear? e.g.")
    assert world.search.calls == [] and world.ai is not None and world.ai.calls == []
    world.ai.answers[PROMPT] = parse_intent(PROMPT)
    assert len((await world.ask())[0]) == 10  # the one request allowed is still there
