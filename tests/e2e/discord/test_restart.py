"""A bot restarted with the same data directory rejoins its voice channel and plays on where it was."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord.runner import build_bot
from tests.e2e.discord.conftest import Running, start
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def command(running: Running, guild: Any, member: Any, name: str, **options: object) -> Any:
    interaction = await running.emu.slash(guild, member, name, dict(options), channel="music")
    return await interaction.final(timeout=15)


async def test_a_restarted_bot_rejoins_and_resumes_the_queue(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("Restart", voice_channels=["Lounge", "General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    await command(running, guild, alice, "play", query=media_server.url("/media/tone880.mp3"))
    voice = emu.voice(guild)
    await voice.wait_for_audio(1.0)

    await running.bot.close()  # what SIGTERM does
    await asyncio.wait_for(running.bot._test_task, 15)  # type: ignore[attr-defined]
    await emu.wait_bot_voice(guild, None)
    stopped = asyncio.get_running_loop().time()

    again = build_bot(running.bot.settings, guild_ready_timeout=0.05)
    task = asyncio.create_task(again.start(emu.token))
    try:
        await asyncio.wait_for(again.wait_until_ready(), 15)
        await emu.wait_bot_voice(guild, "General", timeout=15)
        resumed = await voice.wait_for_audio(1.5, since=stopped)
        rest_of_first = pcm_to_mono(voice.pcm(since=resumed, until=resumed + 0.8))
        assert abs(dominant_frequency(rest_of_first) - 440) < 3
        note = await emu.wait_for_message(guild.channel("music"), lambda m: "Back after a restart" in str(m.embeds))
        assert "tone440" in str(note.embeds) and "1 more queued" in str(note.embeds)

        # Less than two seconds of the first tone were left (from its start, it would still play at 2.9 s).
        await voice.wait_for_audio(0.8, since=resumed + 2.2)
        second = pcm_to_mono(voice.pcm(since=resumed + 2.2, until=resumed + 2.9))
        assert abs(dominant_frequency(second) - 880) < 3
        assert len(again.services.playback.registry) == 1
    finally:
        await again.close()
        await asyncio.wait_for(task, 15)


async def test_a_paused_queue_comes_back_paused_and_a_stopped_one_not_at_all(
    running: Running, media_server: MediaServer
) -> None:
    emu = running.emu
    paused = emu.add_guild("Paused", voice_channels=["General"], text_channels=["music"])
    stopped = emu.add_guild("Stopped", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(paused, "alice", in_voice="General")
    bob = emu.add_member(stopped, "bob", in_voice="General")
    await start(running)
    for guild, member in ((paused, alice), (stopped, bob)):
        await command(running, guild, member, "play", query=media_server.url("/media/tone550.m4a"))
        await emu.voice(guild).wait_for_audio(0.5)
    await command(running, paused, alice, "pause")
    await command(running, stopped, bob, "stop")

    await running.bot.close()
    await asyncio.wait_for(running.bot._test_task, 15)  # type: ignore[attr-defined]
    again = build_bot(running.bot.settings, guild_ready_timeout=0.05)
    task = asyncio.create_task(again.start(emu.token))
    try:
        await asyncio.wait_for(again.wait_until_ready(), 15)
        await emu.wait_bot_voice(paused, "General", timeout=15)
        joined = asyncio.get_running_loop().time()
        note = await emu.wait_for_message(paused.channel("music"), lambda m: "Back after a restart" in str(m.embeds))
        assert "paused" in str(note.embeds)
        await asyncio.sleep(1.0)
        assert emu.voice(paused).audio_packets(since=joined + 0.3) == []  # paused: nothing is sent
        assert emu.bot_voice_channel(stopped) is None  # /stop cleared its queue: nothing to resume
        player = again.services.playback.registry.get(GuildId(paused.id))
        assert player.current is not None and player.current.track.title == "tone550"

        resume = await emu.slash(paused, alice, "resume", {}, channel="music")
        await resume.final(timeout=15)
        resumed = asyncio.get_running_loop().time()
        await emu.voice(paused).wait_for_audio(0.5, since=resumed)
    finally:
        await again.close()
        await asyncio.wait_for(task, 15)
