"""The idle rule: when a guild's player leaves by itself, checked against a model of the two timers."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from musicbot.domain.idle import IdlePolicy, IdleTimers, LeaveReason
from tests.unit.domain.builders import at

POLICY = IdlePolicy(idle_seconds=300, alone_seconds=120)


def test_nothing_playing_for_the_idle_time_leaves() -> None:
    timers = IdleTimers()
    timers.playback_stopped(at(0))
    assert timers.leave_due(POLICY, at(299), playing=False) is None
    assert timers.leave_due(POLICY, at(300), playing=False) is LeaveReason.IDLE


def test_a_song_starting_stops_the_idle_timer_and_the_end_starts_it_again() -> None:
    timers = IdleTimers(idle_since=at(0))
    timers.playback_started()
    assert timers.leave_due(POLICY, at(1000), playing=True) is None
    timers.playback_stopped(at(1000))
    timers.playback_stopped(at(1200))  # a second end does not restart it
    assert timers.leave_due(POLICY, at(1300), playing=False) is LeaveReason.IDLE


def test_alone_leaves_first_even_while_playing() -> None:
    timers = IdleTimers()
    timers.listeners_changed(0, at(0))
    timers.listeners_changed(0, at(100))  # still nobody: the timer keeps its start
    assert timers.leave_due(POLICY, at(119), playing=True) is None
    assert timers.leave_due(POLICY, at(120), playing=True) is LeaveReason.ALONE
    timers.listeners_changed(1, at(121))
    assert timers.leave_due(POLICY, at(500), playing=True) is None


def test_a_missed_event_is_corrected_by_what_plays_now() -> None:
    timers = IdleTimers(idle_since=at(0))  # the start of the song was not seen
    assert timers.leave_due(POLICY, at(400), playing=True) is None
    assert timers.idle_since is None
    assert timers.leave_due(POLICY, at(500), playing=False) is None  # the end was not seen either: from now
    assert timers.leave_due(POLICY, at(800), playing=False) is LeaveReason.IDLE


def test_24_7_stays_and_turning_it_off_gives_the_full_time_again() -> None:
    timers = IdleTimers(idle_since=at(0), alone_since=at(0))
    always = IdlePolicy(idle_seconds=300, alone_seconds=120, always_on=True)
    assert timers.leave_due(always, at(10_000), playing=False) is None
    assert timers.leave_due(POLICY, at(10_119), playing=False) is None
    assert timers.leave_due(POLICY, at(10_120), playing=False) is LeaveReason.ALONE


def test_zero_is_never() -> None:
    timers = IdleTimers(idle_since=at(0), alone_since=at(0))
    never = IdlePolicy(idle_seconds=0, alone_seconds=0)
    assert timers.leave_due(never, at(10**6), playing=False) is None


def test_a_negative_time_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 0"):
        IdlePolicy(idle_seconds=-1, alone_seconds=0)


events = st.one_of(
    st.tuples(st.just("humans"), st.integers(0, 2)),
    st.tuples(st.just("started"), st.just(0)),
    st.tuples(st.just("stopped"), st.just(0)),
)


@given(
    idle=st.integers(0, 50),
    alone=st.integers(0, 50),
    steps=st.lists(st.tuples(st.integers(0, 30), events), max_size=25),
)
def test_against_a_model_of_the_two_timers(idle: int, alone: int, steps: list[tuple[int, tuple[str, int]]]) -> None:
    """Events at increasing times; after each, the rule leaves exactly when a model made of two optional start
    times says so (a song is current from `started` to `stopped`)."""
    policy = IdlePolicy(idle_seconds=idle, alone_seconds=alone)
    timers = IdleTimers(idle_since=at(0))
    idle_since: datetime | None = at(0)
    alone_since: datetime | None = None
    playing = False
    clock = 0
    for gap, (kind, humans) in steps:
        clock += gap
        now = at(clock)
        if kind == "humans":
            timers.listeners_changed(humans, now)
            alone_since = None if humans else (alone_since or now)
        elif kind == "started":
            timers.playback_started()
            idle_since, playing = None, True
        else:
            timers.playback_stopped(now)
            idle_since, playing = idle_since or now, False
        expected = None
        if alone_since is not None and alone and (now - alone_since).total_seconds() >= alone:
            expected = LeaveReason.ALONE
        elif idle_since is not None and idle and (now - idle_since).total_seconds() >= idle:
            expected = LeaveReason.IDLE
        assert timers.leave_due(policy, now, playing=playing) is expected
