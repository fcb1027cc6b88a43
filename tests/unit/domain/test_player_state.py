import dataclasses
from collections.abc import Callable

import pytest

from musicbot.domain.errors import InvalidTransition, InvalidVolume
from musicbot.domain.player_state import DEFAULT_VOLUME, MAX_VOLUME, PlayerState, PlayerStatus, Volume
from tests.unit.domain.builders import at


def playing(since: float = 0, offset: float = 0.0) -> PlayerState:
    state = PlayerState()
    state.start(at(since), offset)
    return state


def paused(at_second: float = 10) -> PlayerState:
    state = playing()
    state.pause(at(at_second))
    return state


# --- volume -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("percent", "factor"), [(0, 0.0), (1, 0.01), (100, 1.0), (150, 1.5), (200, 2.0)])
def test_volume_from_0_to_200_percent(percent: int, factor: float) -> None:
    volume = Volume(percent)

    assert volume.percent == percent
    assert volume.factor == pytest.approx(factor)


@pytest.mark.parametrize("percent", [-1, 201, 1000, -100])
def test_volume_outside_0_to_200_percent_is_invalid(percent: int) -> None:
    with pytest.raises(InvalidVolume) as raised:
        Volume(percent)

    assert raised.value.percent == percent


def test_volume_is_a_frozen_value() -> None:
    assert Volume() == Volume(DEFAULT_VOLUME) == Volume(100)
    assert MAX_VOLUME == 200
    with pytest.raises(dataclasses.FrozenInstanceError):
        Volume().percent = 50  # type: ignore[misc]


# --- status transitions -------------------------------------------------------------------------------
def test_a_new_player_is_idle_at_zero_with_default_volume() -> None:
    state = PlayerState()

    assert state.status is PlayerStatus.IDLE
    assert state.elapsed(at(100)) == 0.0
    assert state.volume == Volume(100)


def test_a_player_can_start_with_a_volume() -> None:
    assert PlayerState(Volume(30)).volume.percent == 30


@pytest.mark.parametrize("make", [PlayerState, playing, paused], ids=["idle", "playing", "paused"])
def test_start_works_from_any_state(make: Callable[[], PlayerState]) -> None:
    state = make()

    state.start(at(100), 5.0)

    assert state.status is PlayerStatus.PLAYING
    assert state.elapsed(at(100)) == 5.0
    assert state.elapsed(at(103)) == 8.0


def test_a_playing_player_can_pause() -> None:
    state = playing()

    state.pause(at(10))

    assert state.status is PlayerStatus.PAUSED


def test_a_paused_player_can_resume() -> None:
    state = paused()

    state.resume(at(20))

    assert state.status is PlayerStatus.PLAYING


@pytest.mark.parametrize("make", [PlayerState, paused], ids=["idle", "paused"])
def test_only_a_playing_player_can_pause(make: Callable[[], PlayerState]) -> None:
    state = make()
    status = state.status

    with pytest.raises(InvalidTransition):
        state.pause(at(50))

    assert state.status is status


@pytest.mark.parametrize("make", [PlayerState, playing], ids=["idle", "playing"])
def test_only_a_paused_player_can_resume(make: Callable[[], PlayerState]) -> None:
    state = make()
    status = state.status

    with pytest.raises(InvalidTransition):
        state.resume(at(50))

    assert state.status is status


@pytest.mark.parametrize("make", [PlayerState, playing, paused], ids=["idle", "playing", "paused"])
def test_stop_goes_idle_and_resets_the_position(make: Callable[[], PlayerState]) -> None:
    state = make()

    state.stop()

    assert state.status is PlayerStatus.IDLE
    assert state.elapsed(at(1000)) == 0.0


# --- elapsed time -------------------------------------------------------------------------------------
def test_elapsed_follows_the_clock_while_playing() -> None:
    state = playing(since=0)

    assert state.elapsed(at(0)) == 0.0
    assert state.elapsed(at(2.5)) == 2.5
    assert state.elapsed(at(90)) == 90.0


def test_elapsed_starts_from_the_offset() -> None:
    state = playing(since=10, offset=30.0)

    assert state.elapsed(at(15)) == 35.0


def test_a_negative_offset_starts_at_zero() -> None:
    assert playing(since=0, offset=-5.0).elapsed(at(1)) == 1.0


def test_elapsed_never_goes_back_when_the_clock_does() -> None:
    assert playing(since=10, offset=4.0).elapsed(at(5)) == 4.0


def test_a_pause_freezes_elapsed() -> None:
    state = playing(since=0)

    state.pause(at(12))

    assert state.elapsed(at(12)) == 12.0
    assert state.elapsed(at(500)) == 12.0


def test_elapsed_resumes_from_where_it_paused() -> None:
    state = playing(since=0)
    state.pause(at(12))

    state.resume(at(100))

    assert state.elapsed(at(100)) == 12.0
    assert state.elapsed(at(103)) == 15.0


def test_several_pauses_add_up_only_the_playing_time() -> None:
    state = playing(since=0)
    state.pause(at(10))  # played 10
    state.resume(at(20))
    state.pause(at(25))  # played 15
    state.resume(at(60))

    assert state.elapsed(at(70)) == 25.0


def test_a_state_waiting_to_start_holds_its_position_until_it_starts() -> None:
    state = PlayerState.waiting(Volume(40), at=42.0, paused=True)
    assert (state.status, state.held, state.elapsed(at(1000)), state.volume) == (
        PlayerStatus.PAUSED,
        42.0,
        42.0,
        Volume(40),
    )
    state.start(at(0), 42.0)
    assert state.held is None  # the clock runs
    state.pause(at(10))
    assert state.held == 52.0
    assert PlayerState.waiting(Volume(), at=-3.0, paused=False).held == 0.0
    assert PlayerState.waiting(Volume(), at=5.0, paused=False).status is PlayerStatus.IDLE
