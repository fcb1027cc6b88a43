"""Search and playlist listing through the same guards as resolution: cached briefly, shared, protected."""

import asyncio
from collections.abc import Callable

import pytest

from musicbot.application.errors import TrackUnavailable
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.listing import ResilientPlaylistLister
from musicbot.application.support.resilience.resolver import ResilientTrackResolver
from musicbot.application.support.resilience.search import ResilientTrackSearch
from musicbot.application.support.resilience.settings import ResilienceSettings
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.resilience.conftest import SETTINGS
from tests.unit.application.resilience.doubles import FakeCatalogue, RecordingSleep

PLAYLIST = "https://www.youtube.com/playlist?list=PL1"


@pytest.fixture
def catalogue() -> FakeCatalogue:
    return FakeCatalogue()


@pytest.fixture
def shared_guard(make_guard: Callable[[ResilienceSettings], SourceGuard]) -> SourceGuard:
    return make_guard(SETTINGS)


@pytest.fixture
def search(catalogue: FakeCatalogue, shared_guard: SourceGuard, clock: ManualClock) -> ResilientTrackSearch:
    return ResilientTrackSearch(catalogue, guard=shared_guard, clock=clock, settings=SETTINGS)


@pytest.fixture
def lister(catalogue: FakeCatalogue, shared_guard: SourceGuard, clock: ManualClock) -> ResilientPlaylistLister:
    return ResilientPlaylistLister(catalogue, guard=shared_guard, clock=clock, settings=SETTINGS)


async def test_search_results_are_cached_for_the_search_ttl(
    search: ResilientTrackSearch, catalogue: FakeCatalogue, clock: ManualClock
) -> None:
    first = await search.search("lofi", limit=5)

    assert await search.search("  LOFI ", limit=5) == first
    assert len(await search.search("lofi", limit=3)) == 3  # another limit, another question
    clock.advance(SETTINGS.search_cache_ttl)
    await search.search("lofi", limit=5)

    assert catalogue.search_calls == [("lofi", 5), ("lofi", 3), ("lofi", 5)]
    assert search.stats().hits == 1


async def test_concurrent_searches_share_one_call(search: ResilientTrackSearch, catalogue: FakeCatalogue) -> None:
    results = await asyncio.gather(*(search.search("lofi", limit=5) for _ in range(10)))

    assert len(catalogue.search_calls) == 1
    assert all(result == results[0] for result in results)
    assert search.coalesced == 9


async def test_a_search_hiccup_is_retried(
    search: ResilientTrackSearch, catalogue: FakeCatalogue, sleep: RecordingSleep
) -> None:
    catalogue.fail_next("lofi")

    assert len(await search.search("lofi", limit=2)) == 2
    assert sleep.delays == [0.5]


async def test_listings_are_cached_briefly_and_not_a_playlist_too(
    lister: ResilientPlaylistLister, catalogue: FakeCatalogue, clock: ManualClock
) -> None:
    listing = catalogue.playlist(PLAYLIST, 3)

    assert await lister.list_entries(PLAYLIST, limit=100) == listing
    assert await lister.list_entries(PLAYLIST, limit=100) == listing
    assert await lister.list_entries("https://youtu.be/one", limit=100) is None
    assert await lister.list_entries("https://youtu.be/one", limit=100) is None
    clock.advance(SETTINGS.listing_cache_ttl)
    await lister.list_entries(PLAYLIST, limit=100)

    assert [query for query, _ in catalogue.list_calls] == [PLAYLIST, "https://youtu.be/one", PLAYLIST]


async def test_a_private_playlist_is_remembered_as_such(
    lister: ResilientPlaylistLister, catalogue: FakeCatalogue
) -> None:
    catalogue.fail_next(PLAYLIST, error=TrackUnavailable("this playlist is private"))

    for _ in range(3):
        with pytest.raises(TrackUnavailable, match="private"):
            await lister.list_entries(PLAYLIST, limit=10)
    assert len(catalogue.list_calls) == 1


async def test_one_source_one_breaker_whatever_the_operation(
    search: ResilientTrackSearch,
    lister: ResilientPlaylistLister,
    catalogue: FakeCatalogue,
    shared_guard: SourceGuard,
    inner: FakeTrackResolver,
    clock: ManualClock,
) -> None:
    resolver = ResilientTrackResolver(inner, guard=shared_guard, clock=clock, settings=SETTINGS)
    catalogue.fail_next("lofi", times=3)
    with pytest.raises(TrackUnavailable):
        await search.search("lofi", limit=5)

    with pytest.raises(SourceUnavailable):
        await lister.list_entries(PLAYLIST, limit=10)
    with pytest.raises(SourceUnavailable):
        await resolver.resolve("jazz")
    assert catalogue.list_calls == []
    assert inner.resolve_calls == []
