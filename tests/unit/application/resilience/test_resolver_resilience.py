"""The resilient resolver retries what may pass, and stops calling a source that keeps failing."""

import pytest

from musicbot.application.errors import TrackUnavailable
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.application.support.resilience.resolver import ResilientTrackResolver
from musicbot.domain.track import SourceKind
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.resilience.conftest import ResolverFactory
from tests.unit.application.resilience.doubles import RecordingSleep

SOUNDCLOUD_LINK = "https://soundcloud.com/artist/song"


async def test_a_transient_failure_is_retried_after_jittered_growing_waits(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, sleep: RecordingSleep
) -> None:
    inner.track("lofi")
    inner.fail_next("lofi", times=2)

    track = await resolver.resolve("lofi")

    assert track.title == "lofi"
    assert inner.resolve_calls == ["lofi"] * 3
    assert sleep.delays == [0.5, 1.0]  # caps of 1 and 2 s, full jitter at 0.5
    assert resolver.stats().retries == 2


async def test_waits_are_capped(
    make_resolver: ResolverFactory, inner: FakeTrackResolver, sleep: RecordingSleep
) -> None:
    resolver = make_resolver(retry_attempts=6, breaker_failure_threshold=10)
    inner.track("lofi")
    inner.fail_next("lofi", times=5)

    await resolver.resolve("lofi")

    assert sleep.delays == [0.5, 1.0, 2.0, 2.0, 2.0]  # caps of 1, 2, 4, 4, 4 s


async def test_when_retries_run_out_the_failure_is_reported_and_not_remembered(
    make_resolver: ResolverFactory, inner: FakeTrackResolver
) -> None:
    resolver = make_resolver(breaker_failure_threshold=10)
    inner.track("lofi")
    inner.fail_next("lofi", times=2)
    inner.fail_next("lofi", times=1, error=TrackUnavailable("rate limited", transient=True))

    with pytest.raises(TrackUnavailable, match="rate limited") as raised:
        await resolver.resolve("lofi")
    assert raised.value.transient

    assert (await resolver.resolve("lofi")).title == "lofi"  # tried again right away: it may pass now


async def test_a_failure_for_good_is_not_retried_and_does_not_count_against_the_source(
    make_resolver: ResolverFactory, inner: FakeTrackResolver, sleep: RecordingSleep
) -> None:
    resolver = make_resolver(breaker_failure_threshold=1)
    for n in range(5):
        inner.add(f"private {n}", TrackUnavailable("this video is private"))
        with pytest.raises(TrackUnavailable, match="private"):
            await resolver.resolve(f"private {n}")

    assert len(inner.resolve_calls) == 5
    assert sleep.delays == []
    assert resolver.stats().failing_sources == ()


async def test_the_breaker_opens_and_fails_fast_without_calling_the_source(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, sleep: RecordingSleep
) -> None:
    inner.track("lofi")
    inner.track("jazz")
    inner.fail_next("lofi", times=3)  # three attempts, three failures: the threshold
    with pytest.raises(TrackUnavailable):
        await resolver.resolve("lofi")

    with pytest.raises(SourceUnavailable) as raised:
        await resolver.resolve("jazz")

    assert "jazz" not in inner.resolve_calls
    assert raised.value.reason == "youtube is failing right now; try again in 30 s"
    assert raised.value.transient
    assert len(sleep.delays) == 2  # a rejection is not waited on and retried
    stats = resolver.stats()
    assert (stats.rejections, stats.failing_sources) == (1, ("youtube",))


async def test_a_source_going_down_during_the_retries_stops_them(
    make_resolver: ResolverFactory, inner: FakeTrackResolver
) -> None:
    resolver = make_resolver(retry_attempts=5, breaker_failure_threshold=2)
    inner.track("lofi")
    inner.fail_next("lofi", times=10)

    with pytest.raises(SourceUnavailable):
        await resolver.resolve("lofi")

    assert len(inner.resolve_calls) == 2


async def test_after_the_reset_time_one_trial_goes_through_and_its_success_closes(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    inner.track("lofi")
    inner.fail_next("lofi", times=3)
    with pytest.raises(TrackUnavailable):
        await resolver.resolve("lofi")

    clock.advance(30)
    assert (await resolver.resolve("lofi")).title == "lofi"

    assert resolver.stats().failing_sources == ()
    assert len(inner.resolve_calls) == 4


async def test_a_failed_trial_opens_the_breaker_again(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver, clock: ManualClock
) -> None:
    inner.track("lofi")
    inner.fail_next("lofi", times=4)
    with pytest.raises(TrackUnavailable):
        await resolver.resolve("lofi")
    clock.advance(30)

    with pytest.raises(SourceUnavailable):  # the trial failed; its retry met the reopened breaker
        await resolver.resolve("lofi")
    with pytest.raises(SourceUnavailable, match="try again in 30 s"):
        await resolver.resolve("lofi")

    assert len(inner.resolve_calls) == 4


async def test_breakers_are_per_source(resolver: ResilientTrackResolver, inner: FakeTrackResolver) -> None:
    inner.track("lofi")
    inner.track(SOUNDCLOUD_LINK, source=SourceKind.SOUNDCLOUD)
    inner.fail_next("lofi", times=3)
    with pytest.raises(TrackUnavailable):
        await resolver.resolve("lofi")

    assert (await resolver.resolve(SOUNDCLOUD_LINK)).source is SourceKind.SOUNDCLOUD
    with pytest.raises(SourceUnavailable, match="youtube"):
        await resolver.resolve("https://www.youtube.com/watch?v=abc")


async def test_refresh_goes_through_the_breaker_of_the_track_source(
    resolver: ResilientTrackResolver, inner: FakeTrackResolver
) -> None:
    inner.track("lofi")
    track = await resolver.resolve("lofi")
    inner.fail_next(track.page_url, times=3)
    with pytest.raises(TrackUnavailable):
        await resolver.refresh(track)

    with pytest.raises(SourceUnavailable, match="youtube"):
        await resolver.refresh(track)
    assert len(inner.refresh_calls) == 3
