"""FFmpeg started off the event loop's thread (adapters/audio/spawn.py): read, waited for and killed as with
asyncio's subprocesses, and no child left behind by a caller that gave up."""

from __future__ import annotations

import asyncio
import os
import subprocess
import threading
from typing import Any

import pytest

from musicbot.adapters.audio import spawn as spawn_module
from musicbot.adapters.audio.spawn import spawn
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.application.playback.ports import PlaybackRequest
from tests.support.media_server import MediaServer


@pytest.fixture
def spawning_threads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str]]]:
    """The name of the thread each Popen ran on, and its command."""
    names: list[tuple[str, list[str]]] = []
    popen = subprocess.Popen

    def recorded(*args: Any, **kwargs: Any) -> Any:
        names.append((threading.current_thread().name, list(args[0])))
        return popen(*args, **kwargs)

    monkeypatch.setattr(spawn_module.subprocess, "Popen", recorded)
    return names


async def test_a_child_is_started_off_the_loop_and_read_and_reaped_on_it(
    spawning_threads: list[tuple[str, list[str]]],
) -> None:
    process = await spawn(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert await process.stdout.read() == b"out\n"
    assert await process.stderr.read() == b"err\n"
    assert await process.wait() == 3 and process.returncode == 3
    assert spawning_threads and all(name.startswith("ffmpeg-spawn") for name, _ in spawning_threads)
    with pytest.raises(ProcessLookupError):
        process.kill()  # already reaped: as asyncio's Process says it


async def test_a_killed_child_ends_with_the_signal() -> None:
    process = await spawn(["sleep", "30"])
    process.kill()
    assert await process.wait() == -9
    assert await process.stdout.read() == b""


async def test_a_spawn_given_up_on_leaves_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []
    entered = threading.Event()
    go_on = threading.Event()
    popen = subprocess.Popen

    def slow(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        go_on.wait(10)
        child = popen(*args, **kwargs)
        started.append(child)
        return child

    monkeypatch.setattr(spawn_module.subprocess, "Popen", slow)
    task = asyncio.create_task(spawn(["sleep", "30"]))
    assert await asyncio.to_thread(entered.wait, 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    go_on.set()
    for _ in range(200):  # the spawner's thread kills and reaps it once it exists
        if started and started[0].returncode is not None:
            break
        await asyncio.sleep(0.05)
    assert started and started[0].returncode == -9
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0].pid, os.WNOHANG)  # noqa: ASYNC222  # reaped, no zombie (WNOHANG: it does not block)


async def test_ffmpeg_for_a_voice_stream_starts_off_the_loop(
    spawning_threads: list[tuple[str, list[str]]], media_server: MediaServer
) -> None:
    request = PlaybackRequest(stream_url=media_server.url("/media/tone440.wav"), title="tone440", duration=None)
    source = OpusSource(find_ffmpeg(), request, volume=1.0, start_at=0.0)
    await source.start()
    try:
        await asyncio.wait_for(source.ready(), 20)
        assert source.packets
    finally:
        await source.close()
    threads = {name for name, command in spawning_threads if command == source.command}
    assert threads and threading.current_thread().name not in threads  # not the event loop's
