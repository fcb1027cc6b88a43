"""The console's `settings`, end to end: the real program and a real SQLite file, so what is set outlives it;
the saved volume is what the next run's player starts at (measured in the recorded audio)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.conftest import Run
from tests.support.audio_analysis import read_wav, rms
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def test_settings_outlive_the_program_and_a_new_player_starts_with_them(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    script = [
        "settings",
        "settings volume 40",
        "settings autoleave 5",
        "settings repeat track",
        "settings autoleave 5000",
        "settings volume loud",
        "settings repeat off",
        "quit",
    ]
    first = run_musicbot("console", "--null", stdin="\n".join(script) + "\n")
    said = first.stdout
    assert first.returncode == 0, first.stderr
    assert "Volume: 100%" in said and "Auto-leave: after 5 min idle" in said  # the defaults
    assert "Volume: 40%" in said and "Repeat: track" in said
    assert "The auto-leave time goes from 0 (never) to 1440 minutes." in said
    assert "Usage: settings volume <0-200>." in said
    assert "Traceback" not in said + first.stderr

    quiet, loud = tmp_path / "quiet.wav", tmp_path / "loud.wav"
    tone = media_server.url("/media/tone440.wav")
    second = run_musicbot("console", "--output", str(quiet), stdin=f"settings\nplay {tone}\n")
    assert second.returncode == 0, second.stderr
    assert "Volume: 40%" in second.stdout and "Repeat: off" in second.stdout
    assert "Auto-leave: after 5 min idle" in second.stdout

    third = run_musicbot("console", "--output", str(loud), stdin=f"settings volume 100\nplay {tone}\n")
    assert third.returncode == 0, third.stderr
    assert level(quiet) / level(loud) == pytest.approx(0.4, rel=0.1)


def level(path: Path) -> float:
    """The loudness of the tone itself: the recording without the silence around it."""
    samples, rate = read_wav(path)
    sounding = np.flatnonzero(np.abs(samples) > 1e-3)
    assert len(sounding) > rate, f"{path.name} holds less than a second of sound"
    return rms(samples[sounding[0] : sounding[-1]])
