"""Deezer as a candidate source, over real HTTP against the local fake: songs like a named artist (or the artist
of a named song), related artists first; every kind of failure is an error the combiner survives, so a request
still gets search's and history's songs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from musicbot.adapters.deezer import DeezerApi, DeezerSimilarCandidates, DeezerUnavailable
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.ports import Audience
from musicbot.application.recommendation.ranking import rank
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.domain.ids import GuildId
from musicbot.domain.track import SourceKind
from tests.fakes.clock import ManualClock
from tests.support.deezer_fake import DeezerFake
from tests.unit.application.recommendation.doubles import FakeSearch

AUDIENCE = Audience(guild_id=GuildId(1))


@pytest.fixture
def fake() -> Iterator[DeezerFake]:
    with DeezerFake() as server:
        weeknd = server.add_artist("The Weeknd", fans=9000)
        server.add_artist("The Weeknd Tribute Band", fans=10)
        dua, abel = server.add_artist("Dua Lipa"), server.add_artist("Abel Covers")
        server.relate(weeknd, dua)
        lights = server.add_track("Blinding Lights", weeknd)
        server.add_to_radio(
            weeknd,
            server.add_track("Levitating", dua),
            lights,
            server.add_track("Blinding Lights (Cover)", abel),
            server.add_track("Save Your Tears", weeknd),
        )
        yield server


@pytest.fixture
async def source(fake: DeezerFake) -> AsyncIterator[DeezerSimilarCandidates]:
    async with httpx.AsyncClient() as client:
        yield DeezerSimilarCandidates(
            DeezerApi(clock=ManualClock(), base_url=fake.base_url, timeout=0.5, client=client)
        )


async def test_songs_like_an_artist_come_from_its_radio_related_artists_first(
    fake: DeezerFake, source: DeezerSimilarCandidates
) -> None:
    found = await source.candidates(parse_intent("more the weeknd"), limit=10, audience=AUDIENCE)

    assert [(c.track.artist, c.track.title) for c in found[:3]] == [
        ("Dua Lipa", "Levitating"),
        ("The Weeknd", "Blinding Lights"),
        ("The Weeknd", "Save Your Tears"),
    ]
    assert found[-1].track.artist == "Abel Covers" and found[-1].score < found[2].score  # not related: lower
    assert all(c.track.source is SourceKind.SEARCH and c.track.page_url == f"{c.track.artist} - {c.track.title}"
               for c in found)  # fmt: skip
    assert ("/search/artist", {"q": "The Weeknd", "limit": "5"}) in fake.requests


async def test_a_name_that_is_a_song_finds_its_artist_and_the_song_itself_is_never_picked(
    fake: DeezerFake, source: DeezerSimilarCandidates
) -> None:
    intent = parse_intent("songs like blinding lights")

    found = await source.candidates(intent, limit=10, audience=AUDIENCE)

    assert {c.track.title for c in found} >= {"Levitating", "Save Your Tears"}
    assert [p for p, _ in fake.requests[:2]] == ["/search/artist", "/search"]  # no artist of that name: a song
    picked = rank(found, intent, count=10)
    assert "Blinding Lights" not in [t.title for t in picked]


async def test_an_intent_without_names_costs_no_request(fake: DeezerFake, source: DeezerSimilarCandidates) -> None:
    assert await source.candidates(parse_intent("chill lofi for studying"), limit=10, audience=AUDIENCE) == []
    assert fake.requests == []


async def test_an_unknown_name_gives_nothing(fake: DeezerFake, source: DeezerSimilarCandidates) -> None:
    assert await source.candidates(MusicIntent(seed_artists=("Nobody Atall",)), limit=10, audience=AUDIENCE) == []


@pytest.mark.parametrize("failure", ["status 500", "status 429", "garbled", "quota", "wrong shape", "slow"])
async def test_every_failure_is_deezer_unavailable_and_the_request_keeps_search(
    fake: DeezerFake, source: DeezerSimilarCandidates, failure: str
) -> None:
    if failure.startswith("status"):
        fake.fail_next(int(failure.split()[1]), times=10)
    elif failure == "garbled":
        fake.garble_next(times=10)
    elif failure == "quota":
        fake.quota_next(times=10)
    elif failure == "wrong shape":
        fake.wrong_shape_next(times=10)
    else:
        fake.delay = 1.0  # past the adapter's 0.5 s
    intent = parse_intent("more the weeknd")

    with pytest.raises(DeezerUnavailable):
        await source.candidates(intent, limit=10, audience=AUDIENCE)
    combined = CombinedCandidates([source, SearchCandidates(FakeSearch())], timeout=5.0)
    found = await combined.candidates(intent, limit=10, audience=AUDIENCE)

    assert found and all(c.source == "search" for c in found)
    assert combined.failures["deezer"] == 1


async def test_the_api_refuses_malformed_items(fake: DeezerFake) -> None:
    async with httpx.AsyncClient() as client:
        api = DeezerApi(clock=ManualClock(), base_url=fake.base_url, timeout=0.5, client=client)
        with pytest.raises(DeezerUnavailable, match="no data"):
            await api.radio(999_999)


async def test_a_deezer_that_keeps_failing_is_left_alone_for_a_while(fake: DeezerFake) -> None:
    clock = ManualClock()
    async with httpx.AsyncClient() as client:
        source = DeezerSimilarCandidates(DeezerApi(clock=clock, base_url=fake.base_url, timeout=0.5, client=client))
        fake.fail_next(503, times=3)
        for _ in range(3):
            with pytest.raises(DeezerUnavailable):
                await source.candidates(parse_intent("more the weeknd"), limit=10, audience=AUDIENCE)
        asked = len(fake.requests)
        with pytest.raises(SourceUnavailable):  # open: not even asked
            await source.candidates(parse_intent("more the weeknd"), limit=10, audience=AUDIENCE)
        assert len(fake.requests) == asked
        clock.advance(61)
        assert await source.candidates(parse_intent("more the weeknd"), limit=10, audience=AUDIENCE)
