"""Joins that fail leave no discord.py voice socket-reader thread behind.

discord.py starts one reader thread per voice client; after a failed join it flags the reader to stop and
closes the UDP socket, but a reader blocked in `select()` kept waiting up to 30 s on the closed socket (found
at 400 servers: ~230 reader threads in one process, 140 joins that failed)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.discord.conftest import running_bot, start
from tests.e2e.discord.faults import command
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def readers() -> list[Any]:
    return [t for t in threading.enumerate() if t.name.startswith("voice-socket-reader")]


async def test_the_reader_threads_of_failed_join_attempts_end_with_them(
    tmp_path: Path, media_server: MediaServer
) -> None:
    async with running_bot(tmp_path, voice_join_attempts=3, voice_join_timeout=1.5) as running:
        emu = running.emu
        guild = emu.add_guild("Lossy", voice_channels=["General"], text_channels=["music"])
        alice = emu.add_member(guild, "alice", in_voice="General")
        await start(running)
        emu.blackhole_udp(2.5)  # IP discovery gets no answer: the first attempt(s) time out, a later one works

        seen: set[Any] = set()  # every reader thread started meanwhile (an ended one leaves enumerate())

        async def watch() -> None:
            while True:
                seen.update(readers())
                await asyncio.sleep(0.05)

        watcher = asyncio.create_task(watch())
        try:
            reply = await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
            assert "tone440" in reply.text
            await emu.voice(guild).wait_for_audio(0.5, timeout=10)
        finally:
            watcher.cancel()

        live = [voice._connection for voice in running.bot.voice_clients]  # type: ignore[attr-defined]
        stale = [thread for thread in seen if thread.state not in live]
        assert stale, "no failed attempt: the fault did not happen"
        # discord.py's reader waits in select() for up to 30 s; an ended one is gone at once.
        await asyncio.to_thread(lambda: [thread.join(5.0) for thread in stale])
        assert [thread.name for thread in stale if thread.is_alive()] == []
