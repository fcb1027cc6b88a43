"""`recommend` and `radio` in the console, end to end: the real program, real yt-dlp searching local media (the
`localsearch` plugin, tests/support/local_search.py), real FFmpeg, audio recorded to WAV and checked by FFT; the
AI path against the local OpenRouter fake, and its failure falling back to the offline lexicon.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MEDIA_SECONDS
from tests.e2e.conftest import Run
from tests.support import local_search
from tests.support.audio_analysis import dominant_frequency, read_wav
from tests.support.media_server import MediaServer
from tests.support.openrouter_fake import OpenRouterFake

pytestmark = pytest.mark.slow


def env_for(media_server: MediaServer, **extra: str) -> dict[str, str]:
    return local_search.environment(local_search.chill_catalog(media_server)) | extra


def test_recommend_without_a_key_reads_offline_and_queues_playable_songs(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.wav"
    script = "recommend --dry chill study beats\nrecommend chill study beats\nsleep 4.5\nqueue\nstop\n"
    result = run_musicbot("console", "--output", str(out), stdin=script, env=env_for(media_server))

    assert result.returncode == 0, result.stderr
    assert "(not queued: run it again without --dry to queue them)" in result.stdout
    assert result.stdout.count("Recommended for “chill, for study” (offline):") == 2
    assert "1. Lofi Cat - Chill Study Beats" in result.stdout
    assert "Queued 10 songs, the first playing now." in result.stdout
    assert "▶ Now playing: Chill Study Beats — Lofi Cat" in result.stdout
    assert "▶ Now playing: Late Night Study — Mellow Owl" in result.stdout
    # Variety: at most two songs by any artist (the catalogue holds more).
    assert "Rainy Window" not in result.stdout and "Quiet Focus Beats" not in result.stdout
    samples, rate = read_wav(out)
    # Chill Study Beats is the 660 Hz tone, Late Night Study the 550 Hz one.
    assert abs(dominant_frequency(samples[int(0.2 * rate) : int(2.5 * rate)]) - 660) < 2
    second = samples[int((MEDIA_SECONDS + 0.3) * rate) : int((MEDIA_SECONDS + 1.2) * rate)]
    assert abs(dominant_frequency(second) - 550) < 2


def test_recommend_reads_with_openrouter_and_falls_back_when_it_fails(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    with OpenRouterFake() as fake:
        env = env_for(
            media_server,
            MUSICBOT_OPENROUTER_API_KEY=fake.api_key,
            MUSICBOT_OPENROUTER_BASE_URL=fake.base_url,
            MUSICBOT_OPENROUTER_MAX_ATTEMPTS="1",
        )
        ai = run_musicbot("console", "--null", stdin="recommend --dry chill study beats\n", env=env)
        fake.fail_next(503, times=5)
        down = run_musicbot("console", "--null", stdin="recommend --dry chill study beats\n", env=env)
        prompts = [request.body["messages"][-1]["content"] for request in fake.requests]

    assert ai.returncode == 0 and down.returncode == 0, ai.stderr + down.stderr
    assert "Recommended for “chill, for study” (AI):" in ai.stdout
    assert "Recommended for “chill, for study” (offline):" in down.stdout  # the lexicon answered instead
    assert "1. Lofi Cat - Chill Study Beats" in ai.stdout and "1. Lofi Cat - Chill Study Beats" in down.stdout
    assert prompts == ["chill study beats", "chill study beats"]
    assert all(request.headers["authorization"] == f"Bearer {fake.api_key}" for request in fake.requests)


def test_radio_keeps_the_queue_going_with_songs_it_did_not_play_yet(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.wav"
    script = f"play {media_server.url('/media/tone880.mp3')}\nradio on\nsleep 10\nradio off\nquit\n"
    result = run_musicbot("console", "--output", str(out), stdin=script, env=env_for(media_server))

    assert result.returncode == 0, result.stderr
    assert "Radio is on: queued 3 songs like what played lately." in result.stdout
    assert "Radio is off." in result.stdout
    started = [line for line in result.stdout.splitlines() if line.startswith("▶ Now playing:")]
    catalogue = {entry.title for entry in local_search.chill_catalog(media_server)}
    assert len(started) >= 4, result.stdout  # the song asked for, then radio's first batch
    assert all(any(title in line for title in catalogue) for line in started[1:]), started
    assert len(set(started)) == len(started)  # nothing came back
    # The last song of the first batch starting made radio queue the next batch (no gap to fill).
    assert result.stderr.count('"radio queued 3 songs in guild 1"') >= 2, result.stderr
    assert "The queue is finished" not in result.stdout
    samples, rate = read_wav(out)
    assert abs(dominant_frequency(samples[int(0.2 * rate) : int(2.5 * rate)]) - 880) < 2
    assert len(samples) / rate > 3 * MEDIA_SECONDS  # the music went on past the one song asked for
