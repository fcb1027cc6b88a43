"""The resilient resolver answers from its cache, shares work in flight, and never hands out a dead stream."""

import asyncio

import pytest

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.support.resilience.resolver import ResilientTrackResolver
from musicbot.domain.track import SourceKind
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.resilience.conftest import ResolverFactory
from tests.unit.application.wiring import ALICE


async def test_twenty_concurrent_resolves_of_one_query_make_one_inner_call(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi beats")
    inner.delay("lofi beats", 5)
    typed = ["lofi beats", "  LoFi   Beats", "<lofi beats>"] * 6 + ["lofi beats"] * 2

    tracks = await asyncio.gather(*(resolver.resolve(query) for query in typed))

    assert inner.resolve_calls == ["lofi beats"]
    assert len({track.stream_url for track in tracks}) == 1
    stats = resolver.stats()
    assert (stats.misses, stats.coalesced, stats.hits) == (20, 19, 0)


async def test_a_resolved_query_is_answered_from_the_cache(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    first = await resolver.resolve("lofi")

    again = await resolver.resolve("LOFI")

    assert again == first
    assert inner.resolve_calls == ["lofi"]
    assert resolver.stats().hits == 1
    assert resolver.stats().cached_tracks == 1


async def test_a_stream_close_to_expiring_is_resolved_again(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    inner.ttl = 600
    inner.track("lofi")
    first = await resolver.resolve("lofi")

    clock.advance(600 - 60 - 1)
    assert await resolver.resolve("lofi") == first
    clock.advance(1)  # the stream has a margin of 60 s left: too little
    fresh = await resolver.resolve("lofi")

    assert fresh.stream_url != first.stream_url
    assert fresh.is_playable_at(clock.now())
    assert inner.resolve_calls == ["lofi", "lofi"]


async def test_a_cached_track_never_carries_an_expired_stream(
    make_resolver: ResolverFactory, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    resolver = make_resolver(stream_margin=0)
    inner.ttl = 100
    inner.track("lofi")
    await resolver.resolve("lofi")

    for _ in range(5):
        clock.advance(40)
        assert (await resolver.resolve("lofi")).is_playable_at(clock.now())
    assert len(inner.resolve_calls) == 2  # at 0 s and at 120 s


async def test_a_stream_that_never_expires_is_kept_for_the_track_ttl(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    inner.ttl = None
    inner.track("radio")
    await resolver.resolve("radio")

    clock.advance(1799)
    await resolver.resolve("radio")
    clock.advance(1)
    await resolver.resolve("radio")

    assert inner.resolve_calls == ["radio", "radio"]


async def test_refresh_always_asks_the_source_and_updates_the_cache(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    first = await resolver.resolve("lofi")

    fresh = await resolver.refresh(first)

    assert inner.refresh_calls == [first]
    assert fresh.stream_url != first.stream_url
    assert await resolver.resolve("lofi") == fresh  # later requests get the new stream, not the broken one
    assert inner.resolve_calls == ["lofi"]


async def test_a_light_track_may_be_answered_from_the_cache(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    resolved = await resolver.resolve("lofi")

    assert await resolver.refresh(resolved.without_stream()) == resolved
    assert inner.refresh_calls == []


async def test_concurrent_refreshes_of_one_track_make_one_inner_call(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    first = await resolver.resolve("lofi")
    inner.delay(first.page_url, 3)

    fresh = await asyncio.gather(*(resolver.refresh(first) for _ in range(5)))

    assert len(inner.refresh_calls) == 1
    assert len({track.stream_url for track in fresh}) == 1


async def test_a_refresh_that_fails_for_good_drops_the_cached_track(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    first = await resolver.resolve("lofi")
    inner.fail_next(first.page_url, error=TrackUnavailable("this video was removed"))

    with pytest.raises(TrackUnavailable, match="removed"):
        await resolver.refresh(first)
    await resolver.resolve("lofi")

    assert inner.resolve_calls == ["lofi", "lofi"]


async def test_a_bad_link_spammed_costs_one_extraction_for_a_while(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    inner.add("https://youtube.com/watch?v=private", TrackUnavailable("this video is private"))

    for _ in range(10):
        with pytest.raises(TrackUnavailable, match="private"):
            await resolver.resolve("https://youtube.com/watch?v=private")
    clock.advance(60)
    with pytest.raises(TrackUnavailable):
        await resolver.resolve("https://youtube.com/watch?v=private")

    assert len(inner.resolve_calls) == 2
    assert resolver.stats().negative_hits == 9
    assert resolver.stats().retries == 0


async def test_no_results_are_remembered_too(resolver: ResilientTrackResolver, inner: FakeTrackResolver) -> None:
    for _ in range(3):
        with pytest.raises(NoResults):
            await resolver.resolve("asdfghjkl")

    assert inner.resolve_calls == ["asdfghjkl"]
    assert resolver.stats().failing_sources == ()


async def test_a_cancelled_request_leaves_the_shared_resolution_to_the_others(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    inner.block()
    impatient = asyncio.create_task(resolver.resolve("lofi"))
    patient = asyncio.create_task(resolver.resolve("lofi"))
    await asyncio.sleep(0)

    impatient.cancel()
    inner.unblock()

    assert (await patient).title == "lofi"
    assert impatient.cancelled()
    assert inner.answered == ["lofi"]


async def test_song_preparation_over_the_resilient_resolver(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    inner.track("lofi", source=SourceKind.YOUTUBE)
    preparer = SongPreparer(resolver=resolver, clock=clock, max_attempts=3)
    songs = [preparer.new_song("lofi", ALICE) for _ in range(3)]

    await asyncio.gather(*(preparer.prepare(song) for song in songs))

    assert inner.resolve_calls == ["lofi"]
    assert all(song.track.is_playable_at(clock.now()) for song in songs)


async def test_negative_caching_can_be_turned_off(make_resolver: ResolverFactory, inner: FakeTrackResolver) -> None:
    resolver = make_resolver(cache_negative_ttl=0)

    for _ in range(2):
        with pytest.raises(NoResults):
            await resolver.resolve("asdfghjkl")

    assert len(inner.resolve_calls) == 2


async def test_forget_drops_a_query_and_a_page(resolver: ResilientTrackResolver, inner: FakeTrackResolver) -> None:
    track = inner.track("lofi")
    resolved = await resolver.resolve("lofi")
    resolver.forget("lofi")
    await resolver.resolve("lofi")
    resolver.forget(track.page_url)
    await resolver.refresh(resolved.without_stream())

    assert len(inner.resolve_calls) == 2
    assert len(inner.refresh_calls) == 1
