"""A bot process started before Redis answers, as the first bot of docker-compose.yml's `cluster` profile may be
(it is the default profile's bot, which cannot wait for Redis's health without pulling Redis into the default
profile). It starts and plays on what it knows alone, says so in its log, and joins the cluster by itself once
Redis answers: its figures reach the other process's /api/status, a settings change made through the other
process reaches its player, and its identifies take their turns across processes again."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from musicbot.adapters.sql import default_database_url
from musicbot.adapters.sql.migrate import upgrade_async
from tests.e2e.discord.test_operations import BotProcess, command, emu, musicbot_run
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.model import Permission
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer, redis_binary

pytestmark = pytest.mark.slow
__all__ = ["emu"]
SHARDS = 4
IDENTIFY_ALONE = "identify turns unavailable; spacing this process's own"


def shard_of(guild_id: int) -> int:
    return (guild_id >> 22) % SHARDS


def logged(bot: BotProcess, words: str) -> int:
    return sum(words in line for line in bot.log.read_text(errors="replace").splitlines())


async def until(done: Callable[[], bool], what: str, bot: BotProcess, patience: float = 30) -> None:
    deadline = time.monotonic() + patience
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}\n{bot.log.read_text(errors='replace')[-4000:]}")
        await asyncio.sleep(0.1)


async def cluster_of(bot: BotProcess) -> Any:
    return json.loads((await bot.get("/api/status"))[1])["cluster"]


async def test_a_bot_started_before_redis_plays_alone_then_joins_the_cluster(
    emu: DiscordEmulator, media_server: MediaServer, media_dir: Path, tmp_path: Path
) -> None:
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    if not (media_dir / "tone440-90s.ogg").exists():  # still playing when the settings change comes
        make_tone(media_dir / "tone440-90s.ogg", frequency=440, seconds=90)
    ours = None  # a server on the first process's shards (0-1)
    while ours is None:
        guild = emu.add_guild("G", voice_channels=["General"], text_channels=["music"])
        ours = guild if shard_of(guild.id) < 2 else None
        await asyncio.sleep(0.003)  # the next snowflake's time part moves on
    admins = emu.add_role(ours, "Admins", permissions=Permission.ADMINISTRATOR)
    boss = emu.add_member(ours, "boss", roles=[admins], in_voice="General")
    alice = emu.add_member(ours, "alice", in_voice="General")

    (tmp_path / "redis").mkdir()
    redis = RedisServer(tmp_path / "redis")  # its port chosen, nothing listening on it yet
    data = tmp_path / "data"
    await upgrade_async(default_database_url(data))  # once, before both (MUSICBOT_DATABASE_MIGRATE=check)
    emu.state.max_concurrency = 1  # every shard in one identify bucket: the turns matter
    env = {
        "MUSICBOT_SHARD_COUNT": str(SHARDS),
        "MUSICBOT_REDIS_URL": redis.url,
        "MUSICBOT_DATA_DIR": str(data),  # one database for both, as PostgreSQL would be
        "MUSICBOT_DATABASE_MIGRATE": "check",
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    try:
        async with musicbot_run(emu, tmp_path / "a", MUSICBOT_SHARD_IDS="0-1", **env) as first:
            await first.wait_ready()  # Redis is not asked for readiness: the process serves alone
            playing = await command(emu, ours, alice, "play", query=media_server.url("/media/tone440-90s.ogg"))
            assert "tone440-90s" in str(playing.embeds), playing.text
            await emu.voice(ours).wait_for_audio(0.3)
            assert logged(first, IDENTIFY_ALONE) == 2  # each of its shards identified on its own spacing
            await until(lambda: logged(first, "settings changes from other processes are not heard") == 1,
                        "the settings feed says it is not listening", first)  # fmt: skip
            await until(lambda: logged(first, "the cluster's status is unavailable") == 1,
                        "the cluster's status says it is unavailable", first)  # fmt: skip

            redis.start()  # now the second bot starts, as compose starts it once Redis is healthy
            async with musicbot_run(emu, tmp_path / "b", MUSICBOT_SHARD_IDS="2-3", **env) as second:
                await second.wait_ready()
                assert logged(second, IDENTIFY_ALONE) == 0
                await until(lambda: logged(first, "settings changes from other processes are heard again") == 1,
                            "the settings feed listens again", first)  # fmt: skip
                await until(lambda: logged(first, "the cluster's status is back") == 1,
                            "the cluster's status comes back", first)  # fmt: skip
                deadline = time.monotonic() + 20  # each process publishes every 5 s
                while (cluster := await cluster_of(second)) is None or (
                    cluster["processes"],
                    len(cluster["shards"]),
                ) != (2, SHARDS):
                    assert time.monotonic() < deadline, cluster
                    await asyncio.sleep(0.5)
                by_process = {shard["id"]: shard["process"] for shard in cluster["shards"]}
                assert by_process[0] == by_process[1] != by_process[2] == by_process[3]

                # A settings change made through the second process reaches the first's player (pub/sub).
                emu.gateway.move_guild(ours.id, 2)
                changed = await command(emu, ours, boss, "settings volume", level=35)
                assert "35%" in changed.text, changed.text
                emu.gateway.move_guild(ours.id, None)
                changed_at = time.monotonic()
                while "Volume 35%" not in (card := await command(emu, ours, alice, "nowplaying")).text:
                    assert time.monotonic() - changed_at < 30, card.text
                    await asyncio.sleep(0.1)

                # A new identify of the first process's shard takes its turn at Redis, not on its own spacing.
                identified = emu.gateway.identifies
                emu.gateway.invalidate_session(0)
                await until(lambda: emu.gateway.identifies > identified and emu.gateway.ready,
                            "shard 0 identified again", first)  # fmt: skip
                assert logged(first, IDENTIFY_ALONE) == 2
    finally:
        redis.stop()
