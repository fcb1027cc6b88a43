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
from tests.support.processes import child_pids

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
    await asyncio.sleep(0.05)
    assert not task.done()  # it waits for the child it gave up to exist, then for its kill and reap
    go_on.set()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 10)
    assert started and started[0].returncode == -9  # reaped before the cancellation went on
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0].pid, os.WNOHANG)  # noqa: ASYNC222  # reaped, no zombie (WNOHANG: it does not block)


async def test_a_spawn_given_up_on_between_its_pipes_leaves_every_later_pipe_polled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A preload discarded while its FFmpeg's second pipe was being connected: the first pipe's descriptor was
    closed on another thread and left the loop's selector stale, and the next pipe numbered like it was never
    polled (its reader, and whoever reaped its FFmpeg, waited for ever)."""
    connecting = spawn_module._stream
    numbers: list[int] = []

    async def second_given_up(loop: asyncio.AbstractEventLoop, pipe: Any, *args: Any) -> asyncio.StreamReader:
        numbers.append(pipe.fileno())
        if len(numbers) == 2:
            raise asyncio.CancelledError  # the caller was cancelled while stderr was being connected
        return await connecting(loop, pipe, *args)

    monkeypatch.setattr(spawn_module, "_stream", second_given_up)
    with pytest.raises(asyncio.CancelledError):
        await spawn(["sleep", "30"])
    assert not child_pids()  # killed and reaped before the cancellation went on
    await asyncio.sleep(0)  # the transport closes its pipe at the loop's next turn

    held, read_end, write_end = _pipe_numbered(numbers[0])  # POSIX: the lowest free number, so it comes round
    try:
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(read_end, "rb", 0))
        os.write(write_end, b"x")
        assert await asyncio.wait_for(reader.read(1), 10) == b"x"
    finally:
        for fd in (*held, write_end):
            os.close(fd)


def _pipe_numbered(number: int) -> tuple[list[int], int, int]:
    """A pipe whose read end is descriptor `number` (free now), and the descriptors held to get it."""
    held: list[int] = []
    while True:
        read_end, write_end = os.pipe()
        if read_end == number:
            return held, read_end, write_end
        held.append(read_end)
        if write_end == number:  # the read end next time
            os.close(write_end)
        else:
            held.append(write_end)
        assert len(held) < 10_000, f"descriptor {number} never came round"


async def test_without_pidfd_living_children_do_not_hold_up_the_loops_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before Linux 5.3 a thread waits for each child: not one of the loop's default executor (min(32, CPUs + 4)
    threads), where that many living children left every other `to_thread` (the voice sender's join) waiting."""
    monkeypatch.delattr(os, "pidfd_open")
    children = [await spawn(["sleep", "30"]) for _ in range(40)]
    try:
        assert await asyncio.wait_for(asyncio.to_thread(lambda: "free"), 10) == "free"
    finally:
        for child in children:
            child.kill()
        codes = await asyncio.wait_for(asyncio.gather(*(child.wait() for child in children)), 30)
    assert codes == [-9] * 40
    assert not child_pids()


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
