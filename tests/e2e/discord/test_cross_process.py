"""Two `musicbot run` processes (shards 0-1 and 2-3 of 4) against the Discord emulator, one Redis and one
database: a member's recommendation limit holds across servers served by different processes, and a settings
change made through one process reaches the other's player at once (pub/sub), with no restart and no command
in the process that plays."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from musicbot.adapters.sql import default_database_url
from musicbot.adapters.sql.migrate import upgrade_async
from tests.e2e.discord.test_operations import command, emu, musicbot_run
from tests.support import local_search
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.model import Permission
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer

pytestmark = pytest.mark.slow
__all__ = ["emu"]
SHARDS = 4
PROMPT = "chill lofi for studying"


def shard_of(guild_id: int) -> int:
    return (guild_id >> 22) % SHARDS


async def test_limits_and_settings_hold_across_processes(
    emu: DiscordEmulator, media_server: MediaServer, media_dir: Path, redis_server: RedisServer, tmp_path: Path
) -> None:
    if not (media_dir / "long440.ogg").exists():
        make_tone(media_dir / "long440.ogg", frequency=440, seconds=12)
    ours = theirs = None  # a server on the first process's shards, one on the second's
    while ours is None or theirs is None:
        guild = emu.add_guild("G", voice_channels=["General"], text_channels=["music"])
        if shard_of(guild.id) < 2 and ours is None:
            ours = guild
        elif shard_of(guild.id) >= 2 and theirs is None:
            theirs = guild
        await asyncio.sleep(0.003)  # the next snowflake's time part moves on
    admins = emu.add_role(ours, "Admins", permissions=Permission.ADMINISTRATOR)
    boss = emu.add_member(ours, "boss", roles=[admins], in_voice="General")
    alice_here = emu.add_member(ours, "alice", in_voice="General")
    alice_there = emu.add_member(theirs, "alice", in_voice="General", user=alice_here.user)  # one person, two servers
    bob = emu.add_member(theirs, "bob", in_voice="General")

    data = tmp_path / "data"
    await upgrade_async(default_database_url(data))  # once, before both (MUSICBOT_DATABASE_MIGRATE=check)
    emu.state.max_concurrency = SHARDS
    env = {
        "MUSICBOT_SHARD_COUNT": str(SHARDS),
        "MUSICBOT_REDIS_URL": redis_server.url,
        "MUSICBOT_DATA_DIR": str(data),  # one database for both, as PostgreSQL would be
        "MUSICBOT_DATABASE_MIGRATE": "check",
        "MUSICBOT_RECOMMEND_RATE_LIMIT": "2",
        "MUSICBOT_RECOMMEND_BURST": "2",
        "MUSICBOT_DEEZER_API_URL": "off",
        **local_search.environment(local_search.chill_catalog(media_server)),
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    async with (
        musicbot_run(emu, tmp_path / "a", MUSICBOT_SHARD_IDS="0-1", **env) as first,
        musicbot_run(emu, tmp_path / "b", MUSICBOT_SHARD_IDS="2-3", **env) as second,
    ):
        await asyncio.gather(first.wait_ready(), second.wait_ready())

        # Alice asks twice where the first process serves, then once where the second does: refused there.
        for _ in range(2):
            reply = await command(emu, ours, alice_here, "recommend", prompt=PROMPT)
            assert "slow down" not in reply.text.lower(), reply.text
        refused = await command(emu, theirs, alice_there, "recommend", prompt=PROMPT)
        assert "slow down a little" in refused.text.lower(), refused.text
        assert "slow down" not in (await command(emu, theirs, bob, "recommend", prompt=PROMPT)).text.lower()

        # The first process plays in its server; the server's events then go to the second process (its shard
        # passes there), where the volume is changed. The first process's player takes the new volume at once.
        await command(emu, ours, alice_here, "play", query=media_server.url("/media/long440.ogg"))
        await emu.voice(ours).wait_for_audio(0.3)
        emu.gateway.move_guild(ours.id, 2)
        changed = await command(emu, ours, boss, "settings volume", level=35)
        assert "35%" in changed.text, changed.text
        changed_at = time.monotonic()
        emu.gateway.move_guild(ours.id, None)  # back to the first process, which never saw the command
        while True:
            card = await command(emu, ours, alice_here, "nowplaying")
            if "Volume 35%" in card.text:
                break
            assert time.monotonic() - changed_at < 30, card.text
            await asyncio.sleep(0.05)
        print(f"settings change seen by the other process's player after {time.monotonic() - changed_at:.3f} s")
        shown = await command(emu, ours, boss, "settings show")
        assert "35" in shown.text, shown.text
