"""The console's `stats`, `health` and `performance`: the owner's reports, for the person at the console."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.conftest import Run
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def test_console_reports_after_a_song(run_musicbot: Callable[..., Run], media_server: MediaServer) -> None:
    script = "\n".join(
        [f"play {media_server.url('/media/tone440.wav')}", "sleep 0.5", "stats", "health", "performance", "quit"]
    )
    result = run_musicbot("console", "--null", stdin=script + "\n")

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "players: 1 playing, 0 paused, 0 idle" in out
    assert "Songs you asked for: 1 song here, 1 song in all" in out
    assert "✅ database: ok, sqlite answers in" in out
    assert "✅ FFmpeg: ok, version" in out
    assert "yt-dlp: ok, version" in out and "0 failures since start" in out
    assert "➖ Spotify: off" in out and "➖ OpenRouter: off" in out
    assert "play to first audio:" in out and "(1 measured)" in out
    assert "command duration:" in out
