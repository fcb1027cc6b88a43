"""The console's search/pick, back, replay, relative seek, removedupes and fair, end to end (real yt-dlp with the
test catalogue, real FFmpeg, the audio recorded and checked by FFT)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Run
from tests.support import local_search
from tests.support.audio_analysis import dominant_frequency, read_wav
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def test_search_pick_back_replay_and_relative_seek(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.wav"
    script = "\n".join(
        [
            "search chill study",
            "pick 9",
            "pick 1",
            f"play {media_server.url('/media/tone880.mp3')}",
            f"play {media_server.url('/media/tone880.mp3')}",
            "removedupes",
            "fair on",
            "sleep 0.5",
            "skip",
            "sleep 0.5",
            "back",
            "seek +1",
            "replay",
            "seek -5",
            "sleep 0.6",
            "stop",
        ]
    )
    env = local_search.environment(local_search.chill_catalog(media_server))
    result = run_musicbot("console", "--output", str(out), stdin=script + "\n", env=env)

    assert result.returncode == 0, result.stderr
    out_text = result.stdout
    assert "1. " in out_text and "5. " in out_text and "6. " not in out_text
    assert "Search first, then pick one of its numbers" in out_text
    assert "playing now" in out_text
    assert "Removed 1 song queued twice." in out_text
    assert "Fair queue on" in out_text
    assert "Back to" in out_text
    assert "Jumped to 0:0" in out_text
    assert "from the start" in out_text
    samples, rate = read_wav(out)
    # What was heard, 0.2 s at a time: the pick (660 Hz), the 880 Hz song after the skip, the pick again (back).
    step = int(0.2 * rate)
    tones = [round(dominant_frequency(samples[i : i + step])) for i in range(0, len(samples) - step, step)]
    heard = [tone for n, tone in enumerate(tones) if n == 0 or tone != tones[n - 1]]
    assert [tone for tone in heard if tone in (660, 880)][:3] == [660, 880, 660], tones
