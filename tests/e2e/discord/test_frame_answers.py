"""First answers sent from the gateway frame (entrypoints/discord/frame_answers.py), through the real gateway and
the emulator's callback endpoint: the deferral leaves without `?with_response` (discord.py's own callback asks
for the message back), the command then runs as if it had deferred itself, and a failed deferral is retried by
the command's own."""

from __future__ import annotations

import asyncio

from tests.e2e.discord.conftest import Running, music_guild, start
from tests.support.discord_emulator.interactions import ResponseType
from tests.support.media_server import MediaServer


async def test_play_is_deferred_from_its_frame_then_answered_by_its_command(
    running: Running, media_server: MediaServer
) -> None:
    guild, alice = music_guild(running.emu, "Frames")
    await start(running)
    interaction = await running.emu.slash(
        guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music"
    )
    assert await interaction.acknowledged() == ResponseType.DEFERRED_MESSAGE
    reply = await interaction.final(timeout=30)
    assert "▶ Playing" in reply.text, reply.text
    assert interaction.with_response is False  # ours, from the frame: discord.py's asks for the message back
    assert not interaction.rejected  # the command did not answer a second time
    assert not reply.ephemeral


async def test_reads_in_a_burst_are_deferred_from_their_frames_and_show_the_queue_once_edited(
    running: Running,
) -> None:
    guild, alice = music_guild(running.emu, "Reads")
    await start(running)
    running.bot.frame_answers.reads_from = 2  # the bot and the emulator share this loop: a smaller burst is one
    reads = await asyncio.gather(*(running.emu.slash(guild, alice, "queue", {}, channel="music") for _ in range(30)))
    replies = [await read.final(timeout=30) for read in reads]
    assert all("empty" in reply.text.lower() for reply in replies), [r.text for r in replies]
    assert not any(read.rejected for read in reads)
    at_once = [read for read in reads if read.response_type == ResponseType.MESSAGE]
    from_frames = [read for read in reads if read.response_type == ResponseType.DEFERRED_MESSAGE]
    assert at_once, "the first reads of a burst are answered with their content at once"
    assert from_frames and all(read.with_response is False for read in from_frames)
    assert len(at_once) + len(from_frames) == len(reads)


async def test_a_frame_deferral_that_fails_is_made_again_by_the_command(
    running: Running, media_server: MediaServer
) -> None:
    guild, alice = music_guild(running.emu, "Outage")
    await start(running)
    running.emu.state.failing_callbacks = 1
    interaction = await running.emu.slash(
        guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music"
    )
    reply = await interaction.final(timeout=30)
    assert "▶ Playing" in reply.text, reply.text
    assert interaction.rejected == ["a callback failed (emulated outage)"]
    # The failed one was sent from the frame; the one taken is the command's own, through discord.py.
    assert interaction.callbacks == [False, True]
