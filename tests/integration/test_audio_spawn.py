"""FFmpeg started off the event loop's thread (adapters/audio/spawn.py): read, waited for and killed as with
asyncio's subprocesses, and no child left behind by a caller that gave up."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from musicbot.adapters.audio import spawn as spawn_module
from musicbot.adapters.audio.spawn import spawn
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.application.playback.ports import PlaybackRequest
from tests.support.media_server import MediaServer

ROOT = Path(__file__).parents[2]


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
    threads = {name for name, command in spawning_threads if command[-len(source.command) :] == source.command}
    assert threads and threading.current_thread().name not in threads  # not the event loop's


async def test_a_child_stays_in_the_bots_session_in_a_process_group_of_its_own() -> None:
    """Its own process group: a Ctrl-C at the terminal (sent to the foreground group) reaches the bot, not FFmpeg
    under it. The bot's session all the same: with autogroup scheduling a session is one scheduling group, and a
    hundred FFmpegs in sessions of their own outweighed the bot's threads a hundred to one."""
    process = await spawn(["sleep", "30"])
    try:
        assert os.getsid(process.pid) == os.getsid(0)
        assert os.getpgid(process.pid) == process.pid != os.getpgid(0)
        theirs, ours = _autogroup(process.pid), _autogroup(os.getpid())
        # None and None: a kernel without CONFIG_SCHED_AUTOGROUP; "" and "": a session that no setsid() ever made
        # (the kernel prints nothing for the default group, as on a machine whose init started the tests).
        assert theirs == ours
    finally:
        process.kill()
        await process.wait()


def _autogroup(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/autogroup").read_text().partition(" ")[0]
    except FileNotFoundError:
        return None


_KILLED_BOT = """
import asyncio, sys
from musicbot.adapters.audio.ffmpeg_process import FFmpegProcess

async def main():
    ffmpeg = await FFmpegProcess.start([sys.argv[1], "-nostdin", "-i", sys.argv[2], "-f", "null", "-"])
    print(ffmpeg.pid, flush=True)
    await asyncio.sleep(120)

asyncio.run(main())
"""


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_ffmpeg_waiting_for_its_source_ends_with_a_bot_killed_outright() -> None:
    """SIGKILL closes nothing: an FFmpeg still waiting for a source that does not answer never writes, so it
    never learns that its reader is gone, and waited on (its read timeout and reconnections: a minute or more)."""
    held: list[asyncio.StreamWriter] = []

    async def silent(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # accepted, never answered

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _KILLED_BOT, find_ffmpeg(), f"http://127.0.0.1:{port}/song.ogg",
        stdout=asyncio.subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"},
    )  # fmt: skip
    try:
        assert bot.stdout is not None
        ffmpeg = int(await asyncio.wait_for(bot.stdout.readline(), timeout=30))
        for _ in range(100):
            if held:
                break  # FFmpeg is connected and waits for an answer
            await asyncio.sleep(0.1)
        assert held and _running(ffmpeg)
        bot.kill()
        await bot.wait()
        for _ in range(100):
            if not _running(ffmpeg):
                break
            await asyncio.sleep(0.1)
        alive = _running(ffmpeg)
        if alive:
            os.kill(ffmpeg, signal.SIGKILL)
        assert not alive, "FFmpeg outlived its bot"
    finally:
        server.close()
        for writer in held:
            writer.close()
