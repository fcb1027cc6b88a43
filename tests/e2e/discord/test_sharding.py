"""Two `musicbot run` processes with two shards each (4 in all) against the Discord emulator and a real Redis:
the emulator routes each server to its shard by Discord's rule, so each server is served by exactly one process;
/api/status on either shows the whole cluster."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from tests.e2e.discord.test_operations import BotProcess, command, emu, musicbot_run
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer

pytestmark = pytest.mark.slow
__all__ = ["emu"]  # the emulator fixture, shared with the other process tests
SHARDS = 4


def shard_of(guild_id: int) -> int:
    return (guild_id >> 22) % SHARDS


async def status(bot: BotProcess) -> dict[str, object]:
    return dict(json.loads((await bot.get("/api/status"))[1]))


async def test_two_processes_split_the_servers_by_shard(
    emu: DiscordEmulator, media_server: MediaServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    guilds, members = [], {}
    while len({shard_of(g.id) for g in guilds}) < SHARDS or len(guilds) < 6:  # every shard has a server
        guild = emu.add_guild(f"G{len(guilds)}", voice_channels=["General"], text_channels=["music"])
        members[guild.id] = emu.add_member(guild, f"user{len(guilds)}", in_voice="General")
        guilds.append(guild)
        await asyncio.sleep(0.003)  # the next snowflake's time part moves on
    emu.state.max_concurrency = SHARDS  # GET /gateway/bot says all may identify at once: the bots read it there
    env = {"MUSICBOT_SHARD_COUNT": str(SHARDS), "MUSICBOT_REDIS_URL": redis_server.url}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    async with (
        musicbot_run(emu, tmp_path / "a", MUSICBOT_SHARD_IDS="0-1", **env) as first,
        musicbot_run(emu, tmp_path / "b", MUSICBOT_SHARD_IDS="2,3", **env) as second,
    ):
        await asyncio.gather(first.wait_ready(), second.wait_ready())
        assert sorted(emu.gateway.sessions) == [0, 1, 2, 3]
        assert all(session.shard == [shard, SHARDS] for shard, session in emu.gateway.sessions.items())
        for bot in (first, second):
            read = [line for line in bot.log.read_text().splitlines() if "identify concurrency from Discord" in line]
            assert len(read) == 1 and json.loads(read[0])["max_concurrency"] == SHARDS, read
        own = [sum(shard_of(g.id) in shards for g in guilds) for shards in ((0, 1), (2, 3))]
        assert [(await status(bot))["servers"] for bot in (first, second)] == own

        replies = await asyncio.gather(
            *(command(emu, g, members[g.id], "play", query=media_server.url("/media/tone440.wav")) for g in guilds)
        )
        assert all("tone440" in str(reply.embeds) for reply in replies), [str(r.embeds) for r in replies]
        await asyncio.gather(*(emu.voice(g).wait_for_audio(0.5) for g in guilds))

        deadline = time.monotonic() + 15  # each process publishes every 5 s
        while True:
            cluster = (await status(first))["cluster"]
            if isinstance(cluster, dict) and (cluster["processes"], cluster["servers"]) == (2, len(guilds)):
                break
            assert time.monotonic() < deadline, cluster
            await asyncio.sleep(0.5)
        assert [shard["id"] for shard in cluster["shards"]] == [0, 1, 2, 3]
        by_process = {shard["id"]: shard["process"] for shard in cluster["shards"]}
        assert by_process[0] == by_process[1] != by_process[2] == by_process[3]
