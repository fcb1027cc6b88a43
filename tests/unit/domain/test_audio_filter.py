from datetime import UTC, datetime, timedelta

import pytest

from musicbot.domain.audio_filter import NO_FILTER, AudioFilter, FilterPreset, InvalidFilter
from musicbot.domain.player_state import PlayerState

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "factor", "expected"),
    [
        ("bass-high", None, AudioFilter(FilterPreset.BASS_HIGH)),
        ("Bass High", None, AudioFilter(FilterPreset.BASS_HIGH)),
        ("bass_low", None, AudioFilter(FilterPreset.BASS_LOW)),
        (" nightcore ", None, AudioFilter(FilterPreset.NIGHTCORE)),
        ("8D", None, AudioFilter(FilterPreset.EIGHT_D)),
        ("speed", 1.5, AudioFilter(FilterPreset.SPEED, 1.5)),
        ("pitch", 0.5, AudioFilter(FilterPreset.PITCH, 0.5)),
        ("off", None, NO_FILTER),
    ],
)
def test_what_users_type_is_read(typed: str, factor: float | None, expected: AudioFilter) -> None:
    assert AudioFilter.parse(typed, factor) == expected


@pytest.mark.parametrize(
    ("typed", "factor", "says"),
    [
        ("loud", None, "there is no filter “loud”"),
        ("speed", None, "say how much"),
        ("speed", 2.5, "from 0.5 to 2"),
        ("pitch", 0.49, "from 0.5 to 2"),
        ("speed", float("nan"), "from 0.5 to 2"),
        ("nightcore", 1.5, "takes no factor"),
    ],
)
def test_bad_filters_say_what_fits(typed: str, factor: float | None, says: str) -> None:
    with pytest.raises(InvalidFilter, match=says):
        AudioFilter.parse(typed, factor)


def test_the_tempo_is_how_fast_the_song_goes_by() -> None:
    assert AudioFilter(FilterPreset.NIGHTCORE).tempo == 1.25
    assert AudioFilter(FilterPreset.VAPORWAVE).tempo == 0.8
    assert AudioFilter(FilterPreset.SPEED, 2.0).tempo == 2.0
    assert AudioFilter(FilterPreset.PITCH, 1.5).tempo == 1.0  # pitch alone keeps the tempo
    assert AudioFilter(FilterPreset.BASS_HIGH).tempo == 1.0


@pytest.mark.parametrize("kept", [NO_FILTER, AudioFilter(FilterPreset.EQ_ROCK), AudioFilter(FilterPreset.SPEED, 0.75)])
def test_a_filter_is_kept_as_text_and_read_back(kept: AudioFilter) -> None:
    assert AudioFilter.from_text(kept.to_text()) == kept


def test_speed_at_one_is_no_filter() -> None:
    assert AudioFilter(FilterPreset.SPEED, 1.0).is_off
    assert not AudioFilter(FilterPreset.SPEED, 1.01).is_off


def test_elapsed_advances_at_the_rate_and_keeps_what_went_before() -> None:
    state = PlayerState()
    state.start(T0, 10.0)
    state.set_rate(T0 + timedelta(seconds=4), 2.0)  # 14 s into the song, then twice as fast
    assert state.elapsed(T0 + timedelta(seconds=7)) == pytest.approx(20.0)
    state.pause(T0 + timedelta(seconds=7))
    assert state.elapsed(T0 + timedelta(seconds=30)) == pytest.approx(20.0)
    state.set_rate(T0 + timedelta(seconds=31), 0.5)  # while paused: nothing moves
    state.resume(T0 + timedelta(seconds=40))
    assert state.elapsed(T0 + timedelta(seconds=44)) == pytest.approx(22.0)
    state.start(T0 + timedelta(seconds=50), 0.0)  # a new song keeps the rate
    assert state.elapsed(T0 + timedelta(seconds=52)) == pytest.approx(1.0)
