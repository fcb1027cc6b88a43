"""A join whose VOICE_SERVER_UPDATE comes a moment after its VOICE_STATE_UPDATE connects at its first attempt.

On Discord the two updates come from different services, often in frames read apart. discord.py 2.7.1 waits for
"both updates" with an event it sets and clears at each state change, and re-registers its waiter a few loop
turns after the first update woke it: a second update handled in between was lost, and the join waited its whole
timeout (8 s) with both in hand, then cost a leave, a second leave and a new join. In a 100-server burst the
retry found the gateway's send window spent and waited 37 s more (bench/play_burst.py). The emulator sends the
second update 1 to LAGS loop turns after the first, one server per lag, so that some server's update lands in
that gap whatever the machine's speed."""

from __future__ import annotations

import time

import pytest

from tests.e2e.discord.conftest import Running, start
from tests.e2e.discord.test_burst import servers
from tests.support.discord_emulator.model import Guild
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

LAGS = 12


def joins(running: Running, guild: Guild) -> int:
    """Voice state updates the bot sent to join a channel of `guild` (leaves not counted)."""
    frames = running.emu.gateway.frames_received
    return sum(
        1
        for f in frames
        if f.get("op") == 4 and int(f["d"]["guild_id"]) == guild.id and f["d"].get("channel_id") is not None
    )


async def test_a_voice_server_update_read_apart_from_the_voice_state_update_is_not_missed(
    running: Running, media_server: MediaServer
) -> None:
    guilds = servers(running, LAGS)
    for lag, (guild, _) in enumerate(guilds, start=1):
        running.emu.gateway.voice_server_lag[guild.id] = lag
    await start(running)
    for number, (guild, member) in enumerate(guilds):
        asked = time.monotonic()
        url = media_server.url(f"/media/tone660.ogg?server={number}")
        interaction = await running.emu.slash(guild, member, "play", {"query": url}, channel="music")
        await running.emu.voice(guild).wait_for_audio(0.2, since=asked, timeout=60)
        reply = await interaction.final(timeout=30)  # type: ignore[attr-defined]
        assert "▶ Playing" in reply.text, reply.text
    # One voice state update each: no join timed out and was sent again.
    assert [joins(running, g) for g, _ in guilds] == [1] * LAGS
