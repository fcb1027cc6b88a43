"""Leaving sends one leave: a join attempt that times out costs one join and ONE leave on the gateway, then the
retry joins and plays; a bot a member disconnected leaves with no leave of its own.

discord.py 2.7.1 left twice after a timed-out attempt: its connector's leave when the attempt timed out, then
`Connectable.connect`'s `disconnect(force=True)`, the same leave again; three of the 120 sends a minute that a
burst's joins wait for. Both ways an attempt fails are here: no answer at all (the bot never got in the
channel), and the bot in the channel but no voice server (the leave is answered; the retry must not take that
answer for a kick). A last attempt whose leave discord.py's limiter held past the attempt's timeout (cancelled
unsent) leaves at a turn of its own: the bot stayed in the channel. After a kick, discord.py leaves on the
unexpected update, and the bot's own leave sent it again and waited its 5 s (`_DISCONNECT_TIMEOUT`) for an answer
that never reached the client: the guild was told 5 s late."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest

from tests.e2e.discord.conftest import Running, music_guild, running_bot, start
from tests.e2e.discord.faults import command
from tests.support.discord_emulator.model import Guild
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def voice_state_sends(running: Running, guild: Guild) -> list[str]:
    """The voice state updates (op 4) the bot sent for `guild`, in order: "join" or "leave"."""
    return [
        "leave" if f["d"].get("channel_id") is None else "join"
        for f in running.emu.gateway.frames_received
        if f.get("op") == 4 and int(f["d"]["guild_id"]) == guild.id
    ]


@pytest.fixture
async def quick(tmp_path: Path) -> AsyncIterator[Running]:
    """The bot with short join attempts (a failed one is over in 1.5 s), two of them."""
    async with running_bot(tmp_path, voice_join_attempts=2, voice_join_timeout=1.5) as running:
        yield running


async def plays(running: Running, media_server: MediaServer, guild: Guild, alice: Any) -> None:
    reply = await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    assert "tone440" in reply.text, reply.text  # both attempts failed
    await running.emu.voice(guild).wait_for_audio(0.5, timeout=10)


async def test_a_join_that_got_no_answer_is_left_once_and_tried_again(
    quick: Running, media_server: MediaServer
) -> None:
    guild, alice = music_guild(quick.emu, "Unanswered")
    await start(quick)
    quick.emu.ignore_voice_joins(guild, 1)

    await plays(quick, media_server, guild, alice)

    assert quick.emu.gateway.ignored_joins[guild.id] == 0  # the fault happened
    assert voice_state_sends(quick, guild) == ["join", "leave", "join"]


async def test_a_join_in_the_channel_without_a_voice_server_is_left_once_and_the_retry_stays(
    quick: Running, media_server: MediaServer
) -> None:
    guild, alice = music_guild(quick.emu, "Serverless")
    await start(quick)
    quick.emu.withhold_voice_servers(guild, 1)

    await plays(quick, media_server, guild, alice)

    assert quick.emu.gateway.withheld_servers[guild.id] == 0
    assert voice_state_sends(quick, guild) == ["join", "leave", "join"]
    # Discord's answer to the leave reached no new connection as a kick: the bot stays and plays on.
    voice = quick.emu.voice(guild)
    heard = voice.audio_seconds
    await voice.wait_for_audio(heard + 1.0, timeout=10)
    assert quick.emu.bot_voice_channel(guild) is guild.channel("General")
    assert voice_state_sends(quick, guild) == ["join", "leave", "join"]


def nearly_full(bot: discord.Client, seconds: float) -> None:
    """discord.py's limiter of the open connection: one send left in a window that ends in `seconds`."""
    limiter = bot.ws._rate_limiter
    limiter.remaining, limiter.per, limiter.window = 1, seconds, time.time()


async def test_a_last_attempt_whose_leave_discord_py_held_past_its_timeout_still_leaves(
    tmp_path: Path, media_server: MediaServer
) -> None:
    async with running_bot(tmp_path, voice_join_attempts=1, voice_join_timeout=1.5) as running:
        guild, alice = music_guild(running.emu, "Held")
        await start(running)
        running.emu.withhold_voice_servers(guild, 1)  # in the channel, and the attempt times out
        nearly_full(running.bot, 12.0)  # the join takes the last send: discord.py holds the leave past the timeout

        reply = await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))

        assert "could not join" in reply.text, reply.text
        assert running.emu.gateway.withheld_servers[guild.id] == 0
        await running.emu.wait_bot_voice(guild, None, timeout=30)  # old: in the channel for good
        assert voice_state_sends(running, guild) == ["join", "leave"]


async def test_a_bot_disconnected_by_a_member_sends_no_leave_of_its_own(
    running: Running, media_server: MediaServer
) -> None:
    guild, alice = music_guild(running.emu, "Kicked")
    await start(running)
    await plays(running, media_server, guild, alice)

    running.emu.kick_bot_from_voice(guild)
    await running.emu.wait_for_message(guild.channel("music"), lambda m: "disconnected" in str(m.embeds))

    assert voice_state_sends(running, guild) == ["join", "leave"]  # discord.py's, on the unexpected update
