import asyncio
from datetime import timedelta

import pytest

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.playback.preparation import SongPreparer, request_track
from musicbot.application.support.processing.pool import ProcessingPool
from musicbot.domain.ids import GuildId
from musicbot.domain.song import SongState
from musicbot.domain.track import SourceKind
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.wiring import ALICE


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def resolver(clock: ManualClock) -> FakeTrackResolver:
    return FakeTrackResolver(clock, ttl=3600)


@pytest.fixture
def preparer(resolver: FakeTrackResolver, clock: ManualClock) -> SongPreparer:
    return SongPreparer(resolver=resolver, clock=clock, max_attempts=3)


def test_a_request_stands_for_itself_until_resolved(preparer: SongPreparer, clock: ManualClock) -> None:
    song = preparer.new_song("daft punk one more time", ALICE)

    assert song.track == request_track("daft punk one more time")
    assert song.track.source is SourceKind.SEARCH
    assert song.state is SongState.PENDING
    assert (song.requester, song.requested_at, song.max_attempts) == (ALICE, clock.now(), 3)


async def test_prepare_resolves_the_query_into_a_playable_track(
    preparer: SongPreparer, resolver: FakeTrackResolver, clock: ManualClock
) -> None:
    resolver.track("one more time", title="One More Time", duration=320)
    song = preparer.new_song("one more time", ALICE)

    await preparer.prepare(song)

    assert song.state is SongState.READY
    assert song.attempts == 1
    assert song.track.title == "One More Time"
    assert song.track.duration == 320
    assert song.track.stream_url is not None
    assert song.track.stream_expires_at == clock.now() + timedelta(hours=1)
    assert resolver.resolve_calls == ["one more time"]
    assert resolver.refresh_calls == []


async def test_prepare_leaves_a_playable_song_alone(preparer: SongPreparer, resolver: FakeTrackResolver) -> None:
    resolver.track("a")
    song = preparer.new_song("a", ALICE)
    await preparer.prepare(song)
    track = song.track

    await preparer.prepare(song)

    assert song.track is track
    assert len(resolver.resolve_calls) == 1
    assert resolver.refresh_calls == []


async def test_an_expired_stream_is_refreshed_ready_processing_ready(
    preparer: SongPreparer, resolver: FakeTrackResolver, clock: ManualClock
) -> None:
    resolver.track("a")
    song = preparer.new_song("a", ALICE)
    await preparer.prepare(song)
    old = song.track
    clock.advance(3601)

    resolver.block()
    preparing = asyncio.create_task(preparer.prepare(song))
    for _ in range(3):
        await asyncio.sleep(0)  # the preparation runs as a task of its own
    in_flight = song.state
    assert in_flight is SongState.PROCESSING
    resolver.unblock()
    await preparing

    assert song.state is SongState.READY
    assert song.attempts == 1  # a refresh is not a new attempt
    assert resolver.refresh_calls == [old]
    assert song.track.stream_url != old.stream_url
    assert song.track.stream_expires_at == clock.now() + timedelta(hours=1)
    assert song.track.page_url == old.page_url


async def test_transient_failures_are_retried_until_one_succeeds(
    preparer: SongPreparer, resolver: FakeTrackResolver
) -> None:
    resolver.track("a")
    resolver.fail_next("a", times=2)
    song = preparer.new_song("a", ALICE)

    await preparer.prepare(song)

    assert song.state is SongState.READY
    assert song.attempts == 3
    assert song.failure_reason is None
    assert resolver.resolve_calls == ["a", "a", "a"]


async def test_transient_failures_stop_at_the_attempt_limit(
    preparer: SongPreparer, resolver: FakeTrackResolver
) -> None:
    resolver.track("a")
    resolver.fail_next("a", times=5, error=TrackUnavailable("rate limited, try later", transient=True))
    song = preparer.new_song("a", ALICE)

    with pytest.raises(TrackUnavailable, match="rate limited"):
        await preparer.prepare(song)

    assert song.state is SongState.FAILED
    assert song.attempts == 3
    assert song.failure_reason == "rate limited, try later"
    assert len(resolver.resolve_calls) == 3


async def test_a_lasting_failure_is_not_retried(preparer: SongPreparer, resolver: FakeTrackResolver) -> None:
    resolver.add("private video", TrackUnavailable("this video is private"))
    song = preparer.new_song("private video", ALICE)

    with pytest.raises(TrackUnavailable, match="private"):
        await preparer.prepare(song)

    assert (song.state, song.attempts, song.failure_reason) == (SongState.FAILED, 1, "this video is private")
    assert len(resolver.resolve_calls) == 1


async def test_no_results_is_a_lasting_failure(preparer: SongPreparer, resolver: FakeTrackResolver) -> None:
    song = preparer.new_song("zzkqx nothing", ALICE)

    with pytest.raises(NoResults) as caught:
        await preparer.prepare(song)

    assert caught.value.query == "zzkqx nothing"
    assert song.failure_reason == "nothing found for 'zzkqx nothing'"
    assert len(resolver.resolve_calls) == 1


async def test_a_failed_song_with_attempts_left_is_resolved_again(
    preparer: SongPreparer, resolver: FakeTrackResolver, clock: ManualClock
) -> None:
    resolver.track("a")
    song = preparer.new_song("a", ALICE)
    await preparer.prepare(song)
    song.mark_failed("stream broke", clock.now())

    await preparer.prepare(song)

    assert song.state is SongState.READY
    assert song.attempts == 2
    assert len(resolver.refresh_calls) == 1  # a resolved track is refreshed, not searched again


async def test_a_failed_song_without_attempts_left_is_refused(resolver: FakeTrackResolver, clock: ManualClock) -> None:
    preparer = SongPreparer(resolver=resolver, clock=clock, max_attempts=1)
    resolver.track("a")
    song = preparer.new_song("a", ALICE)
    await preparer.prepare(song)
    song.mark_failed("stream broke", clock.now())

    with pytest.raises(TrackUnavailable, match="stream broke"):
        await preparer.prepare(song)

    assert song.state is SongState.FAILED
    assert resolver.refresh_calls == []


async def test_a_refresh_that_keeps_failing_fails_the_song(
    preparer: SongPreparer, resolver: FakeTrackResolver, clock: ManualClock
) -> None:
    track = resolver.track("a")
    song = preparer.new_song("a", ALICE)
    await preparer.prepare(song)
    clock.advance(3601)
    resolver.fail_next(track.page_url, times=10)

    with pytest.raises(TrackUnavailable, match="timed out"):
        await preparer.prepare(song)

    # The refresh got the first attempt's slot, then two more attempts of its own.
    assert song.state is SongState.FAILED
    assert song.attempts == 3
    assert len(resolver.refresh_calls) == 3


async def test_a_resolution_cancelled_while_it_runs_ends_by_cancellation(
    resolver: FakeTrackResolver, clock: ManualClock
) -> None:
    """A guild leaving mid-resolution: the running job's task is cancelled, and its coroutine is left to that task.
    Closing the coroutine under the task made the task fail with "cannot reuse already awaited coroutine"."""
    pool = ProcessingPool(workers=1, max_pending=4)
    preparer = SongPreparer(resolver=resolver, clock=clock, max_attempts=3, pool=pool)
    errors: list[dict[str, object]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, context: errors.append(context))
    resolver.track("a")
    resolver.block()
    song = preparer.new_song("a", ALICE)
    waiter = asyncio.ensure_future(preparer.prepare(song, guild_id=GuildId(1)))
    for _ in range(20):  # until the job runs and waits inside the resolver
        await asyncio.sleep(0)
    running = [job.task for job in pool._running.values()]
    assert len(running) == 1 and running[0] is not None

    assert preparer.cancel_guild(GuildId(1)) is None
    with pytest.raises(asyncio.CancelledError):
        await waiter
    await asyncio.wait(running)

    assert running[0].cancelled(), running[0]
    assert errors == []
    await pool.close()
