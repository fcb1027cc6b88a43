"""What survives a restart of `musicbot console` (the same data directory), and `musicbot db`."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MEDIA_SECONDS
from tests.e2e.conftest import Run, musicbot_command
from tests.support.audio_analysis import dominant_frequency, read_wav
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

UNREACHABLE = "postgresql://musicbot:hunter2@127.0.0.1:9/musicbot"


def test_a_queue_survives_quitting_and_starting_again(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    first = run_musicbot(
        "console",
        "--null",
        "--resume",  # as typed at a terminal: the queue is kept for the next start
        stdin=f"play {media_server.url('/media/tone440.wav')}\n"
        f"play {media_server.url('/media/tone880.mp3')}\nsleep 1\nvolume 80\nquit\n",
    )
    assert first.returncode == 0, first.stderr
    assert "Queued at #1" in first.stdout

    out = tmp_path / "again.wav"
    second = run_musicbot("console", "--resume", "--output", str(out), stdin="queue\n")

    assert second.returncode == 0, second.stderr
    assert "Took up the saved queue: tone440" in second.stdout and "1 more queued" in second.stdout
    assert "volume 80%" in second.stdout
    samples, rate = read_wav(out)
    # The rest of the first tone (it had played about a second), then the whole second one.
    assert abs(len(samples) / rate - (2 * MEDIA_SECONDS - 1)) < 0.5
    assert abs(dominant_frequency(samples[: rate // 2]) - 440) < 2
    assert abs(dominant_frequency(samples[-rate:]) - 880) < 2

    third = run_musicbot(
        "console", "--resume", "--null", stdin="queue\n"
    )  # the queue played to its end: nothing to take up
    assert third.returncode == 0, third.stderr
    assert "Took up" not in third.stdout
    assert "Nothing is playing" in third.stdout or "empty" in third.stdout.lower()


def test_stop_and_leave_are_not_undone_by_a_restart(
    run_musicbot: Callable[..., Run], media_server: MediaServer
) -> None:
    tone = media_server.url("/media/tone440.wav")
    assert (
        run_musicbot("console", "--resume", "--null", stdin=f"play {tone}\nplay {tone}\nstop\nquit\n").returncode == 0
    )
    assert "Took up" not in run_musicbot("console", "--resume", "--null", stdin="quit\n").stdout
    assert run_musicbot("console", "--resume", "--null", stdin=f"play {tone}\nleave\nquit\n").returncode == 0
    assert "Took up" not in run_musicbot("console", "--resume", "--null", stdin="quit\n").stdout


def test_plays_are_kept_in_the_listening_history(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    tone = media_server.url("/media/tone440.wav")
    result = run_musicbot("console", "--null", "--fast", stdin=f"play {tone}\nplay {tone}\n")
    assert result.returncode == 0, result.stderr

    with sqlite3.connect(tmp_path / "data" / "musicbot.db") as db:
        rows = db.execute("SELECT guild_id, user_id, title FROM listening_history ORDER BY id").fetchall()
    assert rows == [(1, 1, "tone440"), (1, 1, "tone440")]


def test_db_upgrade_creates_and_migrates_the_database(run_musicbot: Callable[..., Run], tmp_path: Path) -> None:
    before = run_musicbot("db", "current")
    assert not (tmp_path / "data" / "musicbot.db").exists()  # asking did not create it
    upgraded = run_musicbot("db", "upgrade")
    again = run_musicbot("db", "upgrade")
    after = run_musicbot("db", "current")

    assert before.returncode == 0 and "never migrated" in before.stdout
    assert "does not exist yet" in before.stdout
    assert upgraded.returncode == 0 and "(the newest)" in upgraded.stdout
    assert again.returncode == 0 and after.returncode == 0 and "(the newest)" in after.stdout
    assert (tmp_path / "data" / "musicbot.db").exists()
    assert upgraded.stderr == ""


def test_db_errors_are_one_line_with_an_exit_code(run_musicbot: Callable[..., Run]) -> None:
    bad = run_musicbot("db", "upgrade", env={"MUSICBOT_DATABASE_URL": "mysql://x@y/z"})
    away = run_musicbot("db", "upgrade", env={"MUSICBOT_DATABASE_URL": UNREACHABLE})
    run = run_musicbot("run", env={"MUSICBOT_DATABASE_URL": "not a url", "DISCORD_TOKEN": "x.y.z"})
    console = run_musicbot("console", "--null", env={"MUSICBOT_DATABASE_URL": "oracle://x/y"})

    assert bad.returncode == 2 and bad.stderr.strip().startswith("musicbot: bad MUSICBOT_DATABASE_URL")
    assert away.returncode == 1 and "cannot be used" in away.stderr
    assert run.returncode == 2 and "bad MUSICBOT_DATABASE_URL" in run.stderr
    assert console.returncode == 2 and "bad MUSICBOT_DATABASE_URL" in console.stderr
    for result in (bad, away, run, console):
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr and "hunter2" not in result.stderr


def test_the_console_plays_without_a_reachable_database(
    run_musicbot: Callable[..., Run], media_server: MediaServer
) -> None:
    stdin = f"play {media_server.url('/media/tone440.wav')}\n"
    result = run_musicbot("console", "--null", "--fast", stdin=stdin, env={"MUSICBOT_DATABASE_URL": UNREACHABLE})

    assert result.returncode == 0, result.stderr
    assert "Playing tone440" in result.stdout
    assert "storage unavailable" in result.stderr and "hunter2" not in result.stderr
    assert "Traceback" not in result.stderr


def test_sigterm_keeps_the_queue_for_the_next_start(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MUSICBOT_")}
    environment |= {
        "MUSICBOT_LOG_FORMAT": "json",
        "MUSICBOT_DATA_DIR": str(tmp_path / "data"),
        "MUSICBOT_ALLOW_PRIVATE_URLS": "true",
    }
    console = subprocess.Popen(
        [*musicbot_command(), "console", "--resume", "--null"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=environment,
    )
    assert console.stdin is not None and console.stdout is not None
    console.stdin.write(f"play {media_server.url('/media/tone660.ogg')}\n")
    console.stdin.flush()
    for line in console.stdout:  # the input stays open: the console waits for more
        if "Playing tone660" in line:
            break
    # The saved position is how far the audio written got (not the clock), which starts a little after "Playing".
    time.sleep(1.5)
    console.send_signal(signal.SIGTERM)
    assert console.wait(timeout=20) == 0

    after = run_musicbot("console", "--resume", "--null", "--fast", stdin="quit\n")
    assert "Took up the saved queue: tone660" in after.stdout
    assert " at 0:01" in after.stdout  # where it was when the signal came


def test_a_piped_run_starts_fresh_and_leaves_the_saved_queue_alone(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    tone440, tone880 = media_server.url("/media/tone440.wav"), media_server.url("/media/tone880.mp3")
    # An interactive session (what --resume does for piped input): a queue on repeat, saved when it quits.
    first = run_musicbot("console", "--resume", "--null", stdin=f"play {tone440}\nplay {tone440}\nrepeat queue\nquit\n")
    assert first.returncode == 0, first.stderr

    out = tmp_path / "script.wav"
    script = run_musicbot("console", "--output", str(out), stdin=f"play {tone880}\n", timeout=30)

    assert script.returncode == 0, script.stderr  # it ended: the old queue on repeat did not come back
    assert "Took up" not in script.stdout and "--resume takes it up" in script.stdout
    assert script.stdout.count("Now playing") == 1 and "The queue is finished" in script.stdout
    samples, rate = read_wav(out)
    assert abs(len(samples) / rate - MEDIA_SECONDS) < 0.3  # only its own song, once
    assert abs(dominant_frequency(samples) - 880) < 2

    again = run_musicbot("console", "--resume", "--null", stdin="settings\nquit\n")  # the saved state is intact
    assert "Took up the saved queue: tone440" in again.stdout and "1 more queued" in again.stdout
    assert "Repeat: queue" in again.stdout
