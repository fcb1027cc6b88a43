"""The console on a machine without a sound device (servers, containers, SSH sessions): it says so once and
plays every song anyway; a speaker output that breaks never costs a song."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from musicbot.adapters.audio.sinks import ffplay_available
from tests.e2e.conftest import Run
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

# Passes the start-up check (a test sound from lavfi), then dies as ffplay does without a device.
_DYING_FFPLAY = """#!/bin/sh
case "$*" in *lavfi*) exit 0 ;; esac
echo "No more combinations to try, audio open failed" >&2
exit 1
"""


def two_songs(media_server: MediaServer) -> str:
    return f"play {media_server.url('/media/tone440.wav')}\nplay {media_server.url('/media/tone880.mp3')}\n"


def assert_both_played(result: Run) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Now playing") == 2, result.stdout
    assert "Could not play" not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "The queue is finished" in result.stdout


@pytest.mark.skipif(not ffplay_available(), reason="ffplay is not installed")
def test_without_a_sound_device_the_console_says_so_once_and_plays_every_song(
    run_musicbot: Callable[..., Run], media_server: MediaServer
) -> None:
    # ALSA without the device: what a server gives (ffplay says "audio open failed" and exits with 0).
    result = run_musicbot(
        "console",
        "--speakers",
        stdin=two_songs(media_server),
        env={"SDL_AUDIODRIVER": "alsa", "AUDIODEV": "no_such_device"},
    )

    assert_both_played(result)
    notices = [line for line in result.stdout.splitlines() if "sound device" in line]
    assert len(notices) == 1 and "audio goes nowhere" in notices[0], result.stdout


def test_a_speaker_output_that_dies_mid_session_costs_no_song(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    ffplay = bin_dir / "ffplay"
    ffplay.write_text(_DYING_FFPLAY)
    ffplay.chmod(ffplay.stat().st_mode | stat.S_IXUSR)
    path = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"

    result = run_musicbot("console", stdin=two_songs(media_server), env={"PATH": path})

    assert_both_played(result)
    lost = [line for line in result.stdout.splitlines() if "audio output stopped working" in line]
    assert len(lost) == 1 and "audio open failed" in lost[0], result.stdout
