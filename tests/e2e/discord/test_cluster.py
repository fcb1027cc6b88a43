"""`Cluster` (what `musicbot cluster` runs) with real `musicbot run` children against the Discord emulator and a
real Redis: SIGKILL one child, the launcher starts it again, and its servers take their queues up; the other
child's servers play on throughout."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from musicbot.adapters.sql import default_database_url
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.entrypoints.cluster import Cluster
from tests.e2e.discord.test_operations import ROOT, command, emu
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer

pytestmark = pytest.mark.slow
__all__ = ["emu"]
SHARDS = 4


def shard_of(guild_id: int) -> int:
    return (guild_id >> 22) % SHARDS


async def until(condition: object, timeout: float, what: str) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def test_a_killed_child_is_restarted_and_resumes_its_servers_queues(
    emu: DiscordEmulator, redis_server: RedisServer, tmp_path: Path
) -> None:
    (tmp_path / "media").mkdir()
    make_tone(tmp_path / "media" / "long.wav", frequency=440, seconds=90)
    media_server = MediaServer(tmp_path / "media")
    media_server.start()
    guilds, members = [], {}
    while len({shard_of(g.id) for g in guilds}) < SHARDS:
        guild = emu.add_guild(f"G{len(guilds)}", voice_channels=["General"], text_channels=["music"])
        members[guild.id] = emu.add_member(guild, f"user{len(guilds)}", in_voice="General")
        guilds.append(guild)
        await asyncio.sleep(0.003)
    data = tmp_path / "data"
    await upgrade_async(default_database_url(data))  # what `musicbot cluster` does once, before its children
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MUSICBOT_")}
    environment |= {
        "DISCORD_TOKEN": emu.token,
        "SSL_CERT_FILE": str(emu.ca_pem_path),
        "PYTHONPATH": str(ROOT),
        "MUSICBOT_DATA_DIR": str(data),  # one SQLite database for both, as PostgreSQL would be
        "MUSICBOT_ALLOW_PRIVATE_URLS": "true",
        "MUSICBOT_REDIS_URL": redis_server.url,
        "MUSICBOT_IDENTIFY_CONCURRENCY": str(SHARDS),
        "MUSICBOT_QUEUE_CHECKPOINT_SECONDS": "1",
        "MUSICBOT_LOG_FORMAT": "json",
    }
    cluster = Cluster(
        [sys.executable, "-m", "tests.support.emulated_bot", emu.api_url, emu.gateway_url],
        shard_count=SHARDS,
        processes=2,
        http_port=0,
        environment=environment,
        backoff_first=0.2,
    )
    running = asyncio.create_task(cluster.run())
    try:
        await until(lambda: len(emu.gateway.sessions) == SHARDS and emu.gateway.ready, 90, "four shards ready")
        await asyncio.sleep(1)  # each child's on_ready (resume of nothing) done
        long_song = media_server.url("/media/long.wav")
        replies = await asyncio.gather(*(command(emu, g, members[g.id], "play", query=long_song) for g in guilds))
        assert all("long" in str(reply.embeds) for reply in replies), [str(r.embeds) for r in replies]
        await asyncio.gather(*(emu.voice(g).wait_for_audio(0.3) for g in guilds))
        await asyncio.sleep(1.5)  # a checkpoint saved each queue's position

        victim = cluster.children[0]
        killed_at = time.monotonic()
        os.kill(victim.pid, signal.SIGKILL)
        await until(lambda: cluster.starts[0] == 2, 30, "the launcher to start the child again")
        theirs = [g for g in guilds if shard_of(g.id) < 2]
        others = [g for g in guilds if shard_of(g.id) >= 2]
        await asyncio.gather(*(emu.voice(g).wait_for_audio(0.5, since=killed_at, timeout=90) for g in theirs))
        resumed_at = time.monotonic()
        for guild in others:  # the other process played on throughout (no silence of a second or more)
            recording = emu.voice(guild)
            assert recording.audio_packets(resumed_at - 0.5), guild.name
            assert recording.gaps(1.0, since=killed_at) == [], guild.name
    finally:
        cluster.stop()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(running, 30)
        media_server.stop()
