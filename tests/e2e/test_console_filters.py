"""`filter` at the console, end to end: heard in the recorded WAV from where the song was, and kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MEDIA_SECONDS
from tests.e2e.conftest import Run
from tests.support.audio_analysis import dominant_frequency, read_wav
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def test_nightcore_mid_song_raises_the_tone_and_shortens_the_rest(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.wav"
    script = f"play {media_server.url('/media/tone440.wav')}\nsleep 1\nfilter nightcore\nnp\n"
    result = run_musicbot("console", "--output", str(out), stdin=script)

    assert result.returncode == 0, result.stderr
    assert "Filter: nightcore" in result.stdout
    samples, rate = read_wav(out)
    assert abs(dominant_frequency(samples[: int(0.8 * rate)]) - 440) < 3
    assert abs(dominant_frequency(samples[int(1.4 * rate) :]) - 550) < 4
    # ~1 s as it was, the rest of the song 1.25 times as fast.
    assert len(samples) / rate == pytest.approx(1 + (MEDIA_SECONDS - 1) / 1.25, abs=0.25)


def test_a_bad_filter_is_explained_and_speed_is_kept_for_the_next_song(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.wav"
    script = f"filter loud\nfilter speed\nfilter speed 2\nplay {media_server.url('/media/tone440.wav')}\n"
    result = run_musicbot("console", "--output", str(out), stdin=script)

    assert result.returncode == 0, result.stderr
    assert "There is no filter “loud”" in result.stdout
    assert "Say how much" in result.stdout
    samples, rate = read_wav(out)
    assert len(samples) / rate == pytest.approx(MEDIA_SECONDS / 2, abs=0.2)
    assert abs(dominant_frequency(samples) - 440) < 4  # speed keeps the pitch
