from collections.abc import Callable

import pytest

from musicbot.domain.errors import InvalidTransition
from musicbot.domain.song import DEFAULT_MAX_ATTEMPTS, Song, SongState
from tests.unit.domain.builders import ALICE, T0, at, make_song, make_track, playable_track

EXPIRY = at(1000)


def song_in(state: SongState, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> Song:
    """A song brought into `state` by legal steps only, with one attempt made."""
    song = make_song(max_attempts=max_attempts)
    if state is SongState.PENDING:
        return song
    song.start_processing(at(1))
    if state is SongState.READY:
        song.mark_ready(playable_track(expires_at=EXPIRY), at(2))
    elif state is SongState.FAILED:
        song.mark_failed("boom", at(2))
    assert song.state is state
    return song


# --- a new song ---------------------------------------------------------------------------------------
def test_a_new_song_is_pending_with_no_attempts() -> None:
    song = Song(track=make_track("t"), requester=ALICE, requested_at=T0)

    assert song.state is SongState.PENDING
    assert song.attempts == 0
    assert song.failure_reason is None
    assert song.updated_at is None
    assert song.max_attempts == DEFAULT_MAX_ATTEMPTS
    assert song.requester == ALICE
    assert song.requested_at == T0


def test_songs_are_distinct_objects_even_for_the_same_track() -> None:
    track = make_track("same")
    first = Song(track=track, requester=ALICE, requested_at=T0)
    second = Song(track=track, requester=ALICE, requested_at=T0)

    assert first != second
    assert first.id != second.id


@pytest.mark.parametrize("max_attempts", [0, -1])
def test_needs_at_least_one_attempt(max_attempts: int) -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        make_song(max_attempts=max_attempts)


# --- legal transitions --------------------------------------------------------------------------------
def test_pending_to_processing_counts_an_attempt() -> None:
    song = make_song()

    song.start_processing(at(5))

    assert song.state is SongState.PROCESSING
    assert song.attempts == 1
    assert song.updated_at == at(5)


def test_processing_to_ready_takes_the_resolved_track_and_clears_the_failure() -> None:
    song = song_in(SongState.FAILED)
    song.retry(at(3))
    song.start_processing(at(4))
    resolved = playable_track("resolved", expires_at=EXPIRY)

    song.mark_ready(resolved, at(5))

    assert song.state is SongState.READY
    assert song.track is resolved
    assert song.failure_reason is None
    assert song.updated_at == at(5)
    assert song.attempts == 2


def test_processing_to_failed_keeps_the_reason() -> None:
    song = song_in(SongState.PROCESSING)

    song.mark_failed("video unavailable", at(5))

    assert song.state is SongState.FAILED
    assert song.failure_reason == "video unavailable"
    assert song.updated_at == at(5)


def test_ready_to_processing_once_the_stream_expired_counts_no_attempt() -> None:
    song = song_in(SongState.READY)

    song.start_processing(EXPIRY)

    assert song.state is SongState.PROCESSING
    assert song.attempts == 1
    assert song.updated_at == EXPIRY


def test_ready_to_processing_when_the_ready_track_has_no_stream() -> None:
    song = song_in(SongState.PROCESSING)
    song.mark_ready(make_track("no stream"), at(2))

    song.start_processing(at(3))

    assert song.state is SongState.PROCESSING


def test_ready_to_failed_when_the_stream_breaks_while_playing() -> None:
    song = song_in(SongState.READY)

    song.mark_failed("HTTP 403", at(10))

    assert song.state is SongState.FAILED
    assert song.failure_reason == "HTTP 403"


def test_failed_to_pending_on_retry_keeps_the_reason_and_attempts() -> None:
    song = song_in(SongState.FAILED)
    assert song.can_retry

    song.retry(at(7))

    assert song.state is SongState.PENDING
    assert song.attempts == 1
    assert song.failure_reason == "boom"
    assert song.updated_at == at(7)


def test_retry_is_possible_until_max_attempts_were_made() -> None:
    song = make_song(max_attempts=3)
    for attempt in range(1, 4):
        song.start_processing(at(attempt))
        assert song.attempts == attempt
        song.mark_failed(f"failure {attempt}", at(attempt))
        if attempt < 3:
            assert song.can_retry
            song.retry(at(attempt))

    assert song.attempts == 3
    assert not song.can_retry
    with pytest.raises(InvalidTransition):
        song.retry(at(10))
    assert song.state is SongState.FAILED
    assert song.failure_reason == "failure 3"


def test_a_single_attempt_song_cannot_be_retried() -> None:
    song = song_in(SongState.FAILED, max_attempts=1)

    assert not song.can_retry
    with pytest.raises(InvalidTransition):
        song.retry(at(3))


def test_refreshing_an_expired_stream_does_not_use_up_attempts() -> None:
    song = make_song(max_attempts=2)
    song.start_processing(at(0))
    for refresh in range(1, 6):
        song.mark_ready(playable_track(expires_at=at(refresh * 10)), at(refresh * 10 - 5))
        song.start_processing(at(refresh * 10))

    assert song.attempts == 1
    song.mark_failed("gone", at(100))
    assert song.can_retry


@pytest.mark.parametrize("state", [SongState.PENDING, SongState.PROCESSING, SongState.READY])
def test_only_a_failed_song_can_retry(state: SongState) -> None:
    assert not song_in(state).can_retry


# --- illegal transitions ------------------------------------------------------------------------------
def _start(song: Song) -> None:
    song.start_processing(at(50))


def _ready(song: Song) -> None:
    song.mark_ready(playable_track("other", expires_at=EXPIRY), at(50))


def _fail(song: Song) -> None:
    song.mark_failed("again", at(50))


def _retry(song: Song) -> None:
    song.retry(at(50))


ILLEGAL: list[tuple[SongState, Callable[[Song], None], SongState]] = [
    (SongState.PENDING, _ready, SongState.READY),
    (SongState.PENDING, _fail, SongState.FAILED),
    (SongState.PENDING, _retry, SongState.PENDING),
    (SongState.PROCESSING, _start, SongState.PROCESSING),
    (SongState.PROCESSING, _retry, SongState.PENDING),
    (SongState.READY, _ready, SongState.READY),
    (SongState.READY, _retry, SongState.PENDING),
    # the stream is still playable at t=50 (it expires at t=1000): nothing to resolve again
    (SongState.READY, _start, SongState.PROCESSING),
    (SongState.FAILED, _start, SongState.PROCESSING),
    (SongState.FAILED, _ready, SongState.READY),
    (SongState.FAILED, _fail, SongState.FAILED),
]


@pytest.mark.parametrize(
    ("state", "action", "target"),
    ILLEGAL,
    ids=[f"{state}-{action.__name__.strip('_')}" for state, action, _ in ILLEGAL],
)
def test_illegal_transitions_raise_and_change_nothing(
    state: SongState, action: Callable[[Song], None], target: SongState
) -> None:
    song = song_in(state)
    before = (song.state, song.attempts, song.failure_reason, song.updated_at, song.track)

    with pytest.raises(InvalidTransition) as raised:
        action(song)

    assert raised.value.target == target
    assert (song.state, song.attempts, song.failure_reason, song.updated_at, song.track) == before
