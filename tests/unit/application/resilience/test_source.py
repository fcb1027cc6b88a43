"""`ResilientSource`: the four calls of one streaming source behind one object and one set of breakers."""

import pytest

from musicbot.application.errors import TrackUnavailable
from musicbot.application.source_ports import PlaylistLister, TrackResolver, TrackSearch
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.application.support.resilience.source import ResilientSource
from tests.fakes.clock import ManualClock
from tests.unit.application.resilience.conftest import JITTER, SETTINGS
from tests.unit.application.resilience.doubles import FakeStreamingSource, RecordingSleep

PLAYLIST = "https://www.youtube.com/playlist?list=PL1"


@pytest.fixture
def inner(clock: ManualClock) -> FakeStreamingSource:
    return FakeStreamingSource(clock)


@pytest.fixture
def source(inner: FakeStreamingSource, clock: ManualClock, sleep: RecordingSleep) -> ResilientSource:
    return ResilientSource(inner, clock=clock, settings=SETTINGS, sleep=sleep, random=lambda: JITTER)


async def test_every_call_is_cached(source: ResilientSource, inner: FakeStreamingSource) -> None:
    inner.track("lofi")
    listing = inner.catalogue.playlist(PLAYLIST, 2)

    for _ in range(2):
        await source.resolve("lofi")
        await source.search("lofi", limit=3)
        assert await source.list_entries(PLAYLIST, limit=10) == listing

    assert len(inner.resolve_calls) == 1
    assert len(inner.catalogue.search_calls) == 1
    assert len(inner.catalogue.list_calls) == 1
    stats = source.stats()
    assert (stats.resolver.hits, stats.search.hits, stats.listing.hits) == (1, 1, 1)


async def test_a_source_down_is_down_for_every_call(
    source: ResilientSource, inner: FakeStreamingSource, sleep: RecordingSleep
) -> None:
    inner.track("lofi")
    inner.catalogue.fail_next("jazz", times=3)
    with pytest.raises(TrackUnavailable):
        await source.search("jazz", limit=3)

    with pytest.raises(SourceUnavailable, match="youtube is failing right now"):
        await source.resolve("lofi")
    with pytest.raises(SourceUnavailable):
        await source.list_entries(PLAYLIST, limit=10)

    assert inner.resolve_calls == []
    assert sleep.delays == [0.5, 1.0]
    assert source.stats().resolver.failing_sources == ("youtube",)


def test_it_is_a_resolver_a_search_and_a_lister(source: ResilientSource) -> None:
    ports: tuple[TrackResolver, TrackSearch, PlaylistLister] = (source, source, source)  # mypy checks the fit
    assert all(port is source for port in ports)
