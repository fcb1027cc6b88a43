"""The console driver end to end: real yt-dlp, real FFmpeg, real pacing, a real WAV file, checked by FFT."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MEDIA_SECONDS
from tests.e2e.conftest import Run
from tests.support.audio_analysis import SAMPLE_RATE, dominant_frequency, read_wav, rms
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def test_piped_play_records_the_tone(run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path):
    out = tmp_path / "x.wav"
    result = run_musicbot("console", "--output", str(out), stdin=f"play {media_server.url('/media/tone440.wav')}\n")

    assert result.returncode == 0, result.stderr
    assert "Now playing" in result.stdout
    samples, rate = read_wav(out)
    assert rate == SAMPLE_RATE
    assert abs(dominant_frequency(samples) - 440) < 2
    assert abs(len(samples) / rate - MEDIA_SECONDS) < 0.15


def test_skip_moves_to_the_next_song_and_volume_lowers_the_level(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
):
    out = tmp_path / "x.wav"
    script = "\n".join(
        [
            f"play {media_server.url('/media/tone440.wav')}",
            f"play {media_server.url('/media/tone880.mp3')}",
            "sleep 1",
            "skip",
            "sleep 1",
            "volume 50",
        ]
    )
    result = run_musicbot("console", "--output", str(out), stdin=script + "\n")

    assert result.returncode == 0, result.stderr
    assert "Queued at #1" in result.stdout
    samples, rate = read_wav(out)
    first, rest = samples[: int(0.8 * rate)], samples[int(1.3 * rate) :]
    assert abs(dominant_frequency(first) - 440) < 2
    assert abs(dominant_frequency(rest) - 880) < 2
    # After the skip about 1 s at full volume, then the rest of the song at half.
    loud, quiet = samples[int(1.4 * rate) : int(1.9 * rate)], samples[int(2.5 * rate) :]
    assert rms(quiet) / rms(loud) == pytest.approx(0.5, rel=0.1)
    assert abs(len(samples) / rate - (1 + MEDIA_SECONDS)) < 0.4


def test_pause_writes_nothing_and_resume_continues(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
):
    out = tmp_path / "x.wav"
    script = f"play {media_server.url('/media/tone660.ogg')}\nsleep 1\npause\nsleep 1.5\nnp\nresume\n"
    started = time.monotonic()
    result = run_musicbot("console", "--output", str(out), stdin=script)
    took = time.monotonic() - started

    assert result.returncode == 0, result.stderr
    assert "Paused" in result.stdout and "Resumed" in result.stdout
    assert "⏸" in result.stdout  # now playing shows the paused state
    samples, rate = read_wav(out)
    assert abs(len(samples) / rate - MEDIA_SECONDS) < 0.2  # nothing recorded while paused
    assert took > MEDIA_SECONDS + 1.4
    assert abs(dominant_frequency(samples) - 660) < 2


def test_a_bad_url_gets_a_friendly_error_and_the_console_goes_on(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
):
    out = tmp_path / "x.wav"
    script = f"play {media_server.url('/status/404')}\nplay {media_server.url('/media/tone550.m4a')}\nseek 2\n"
    result = run_musicbot("console", "--output", str(out), stdin=script)

    assert result.returncode == 0, result.stderr
    assert "✖ I can't play that" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    samples, rate = read_wav(out)
    assert abs(dominant_frequency(samples) - 550) < 2
    assert len(samples) / rate < MEDIA_SECONDS - 1.5  # the seek skipped two seconds


def test_local_files_play_from_the_console(run_musicbot: Callable[..., Run], media_dir: Path, tmp_path: Path):
    out = tmp_path / "x.wav"
    result = run_musicbot("console", "--output", str(out), stdin=f"play {media_dir / 'tone880.mp3'}\nqueue\n")

    assert result.returncode == 0, result.stderr
    samples, _ = read_wav(out)
    assert abs(dominant_frequency(samples) - 880) < 2


def test_unknown_commands_and_bad_arguments_explain_themselves(run_musicbot: Callable[..., Run], tmp_path: Path):
    result = run_musicbot("console", "--null", stdin="dance\nvolume loud\nvolume 300\nskip\nmove 1\nhelp\n")

    assert result.returncode == 0, result.stderr
    assert "Unknown command 'dance'" in result.stdout
    assert "Usage: volume <0-200>." in result.stdout
    assert "Volume goes from 0 to 200 %" in result.stdout
    assert "Nothing is playing right now" in result.stdout
    assert "Usage: move <from> <to>." in result.stdout
    assert "seek <1:23 or seconds>" in result.stdout  # the help lists the commands


def test_help_describes_the_program(run_musicbot: Callable[..., Run]):
    top = run_musicbot("--help")
    console = run_musicbot("console", "--help")

    assert top.returncode == 0 and "console" in top.stdout
    assert console.returncode == 0 and "--output" in console.stdout


def test_aplay_queues_a_whole_playlist_and_plays_its_first_song(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
):
    out = tmp_path / "x.wav"
    feed = media_server.url("/feed.rss?count=300&file=tone440.wav")
    result = run_musicbot("console", "--output", str(out), stdin=f"aplay {feed}\nsleep 1\nqueue 30\nstop\n")

    assert result.returncode == 0, result.stderr
    assert "Loading" in result.stdout and "300 songs, playing now" in result.stdout
    assert "300/300 queued" in result.stdout
    assert "Page 30/30 · 299 songs" in result.stdout  # 299 waiting, one playing
    samples, _ = read_wav(out)
    assert abs(dominant_frequency(samples) - 440) < 2


def test_spotify_links_without_credentials_explain_what_is_missing(
    run_musicbot: Callable[..., Run], media_server: MediaServer
):
    spotify = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"
    stdin = f"play {spotify}\nplay {media_server.url('/media/tone440.wav')}\n"
    result = run_musicbot("console", "--null", "--fast", stdin=stdin)

    assert result.returncode == 0, result.stderr
    assert "MUSICBOT_SPOTIFY_CLIENT_ID" in result.stdout
    assert "Playing tone440" in result.stdout  # everything else works


def test_private_addresses_are_refused_unless_allowed(run_musicbot: Callable[..., Run], media_server: MediaServer):
    stdin = f"play {media_server.url('/media/tone440.wav')}\n"
    result = run_musicbot("console", "--null", "--fast", stdin=stdin, env={"MUSICBOT_ALLOW_PRIVATE_URLS": "false"})

    assert result.returncode == 0, result.stderr
    assert "private or local network" in result.stdout
    assert "Playing" not in result.stdout
