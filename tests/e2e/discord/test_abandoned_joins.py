"""discord.py's voice socket-reader threads: none spins, none outlives its connection.

Found at 400 servers in one process (~230 reader threads, 140 joins that timed out): discord.py 2.7.1's reader
waits with `select()`, which refuses descriptors numbered 1024 or more (ValueError) and the reader retried at
once: IP discovery on such a socket never got its answer, and the reader spun, holding the GIL. And after a
failed join, a reader blocked in `select()` kept waiting up to 30 s on the closed socket."""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.discord.conftest import Running, music_guild, running_bot, start
from tests.e2e.discord.faults import command
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

SELECT_LIMIT = 1024  # select() refuses descriptors numbered this or more (FD_SETSIZE)


def readers() -> list[Any]:
    return [t for t in threading.enumerate() if t.name.startswith("voice-socket-reader")]


def cpu_seconds(thread: threading.Thread) -> float:
    """CPU time the thread used so far (0 once it ended)."""
    try:
        stat = Path(f"/proc/self/task/{thread.native_id}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@contextmanager
def descriptors_up_to(number: int) -> Iterator[None]:
    """Every free descriptor below `number` taken: the sockets opened meanwhile are numbered above it."""
    gc.collect()  # earlier tests' garbage closing its descriptors now, rather than under the join
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < number + 200:
        pytest.skip(f"needs {number + 200} open files (ulimit -n is {soft})")
    taken: list[int] = []
    try:
        while not taken or taken[-1] < number:
            taken.append(os.open(os.devnull, os.O_RDONLY))
        yield
    finally:
        for fd in taken:
            os.close(fd)


@asynccontextmanager
async def one_server(tmp_path: Path, name: str, **settings: Any) -> AsyncIterator[tuple[Running, Guild, Member]]:
    """The bot on `settings`, started in one server where alice is in the voice channel."""
    async with running_bot(tmp_path, **settings) as running:
        guild, alice = music_guild(running.emu, name)
        await start(running)
        yield running, guild, alice


async def play_tone(running: Running, media_server: MediaServer, guild: Guild, alice: Member) -> None:
    """alice plays a tone, and the channel hears it: the join worked."""
    reply = await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    assert "tone440" in reply.text, reply.text  # the join timed out
    await running.emu.voice(guild).wait_for_audio(0.5, timeout=10)


async def test_a_voice_socket_numbered_above_1024_joins_and_its_reader_does_not_spin(
    tmp_path: Path, media_server: MediaServer
) -> None:
    async with one_server(tmp_path, "Busy", voice_join_attempts=1, voice_join_timeout=5.0) as (running, guild, alice):
        for _ in range(3):
            with descriptors_up_to(1100):  # as in a process holding ~200 voice connections
                before = {thread: cpu_seconds(thread) for thread in readers()}
                await play_tone(running, media_server, guild, alice)  # old reader: IP discovery never answered
                [voice] = running.bot.voice_clients
                number = voice._connection.socket.fileno()  # type: ignore[attr-defined]
                used = {t.name: cpu_seconds(t) - before.get(t, 0.0) for t in readers()}
                assert all(seconds < 0.5 for seconds in used.values()), used  # a spinning reader burns ~1 s a second
            if number >= SELECT_LIMIT:
                break
            # A descriptor below 1100 was closed between the filling and the join (by another thread, or the
            # collector) and the socket took its number: not the case under test. Again, with a new socket.
            await command(running, guild, alice, "leave")
            await running.emu.wait_bot_voice(guild, None)
        assert number >= SELECT_LIMIT, f"the voice socket got descriptor {number} in 3 joins"


async def test_the_reader_threads_of_failed_join_attempts_end_with_them(
    tmp_path: Path, media_server: MediaServer
) -> None:
    async with one_server(tmp_path, "Lossy", voice_join_attempts=3, voice_join_timeout=1.5) as (running, guild, alice):
        running.emu.blackhole_udp(2.5)  # IP discovery gets no answer: the first attempt(s) time out, a later one works

        seen: set[Any] = set()  # every reader thread started meanwhile (an ended one leaves enumerate())

        async def watch() -> None:
            while True:
                seen.update(readers())
                await asyncio.sleep(0.05)

        watcher = asyncio.create_task(watch())
        try:
            await play_tone(running, media_server, guild, alice)
        finally:
            watcher.cancel()

        live = [voice._connection for voice in running.bot.voice_clients]  # type: ignore[attr-defined]
        stale = [thread for thread in seen if thread.state not in live]
        assert stale, "no failed attempt: the fault did not happen"
        # discord.py's reader waits in select() for up to 30 s; an ended one is gone at once.
        await asyncio.to_thread(lambda: [thread.join(5.0) for thread in stale])
        assert [thread.name for thread in stale if thread.is_alive()] == []
