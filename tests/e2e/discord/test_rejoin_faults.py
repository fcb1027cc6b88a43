"""Voice joins that get no answer (Discord's lost, or missed by discord.py): cut, tried again, never stuck; a
saved queue whose rejoin failed at start-up stays saved, the channel is told, and a later try takes it up."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord import resume
from musicbot.entrypoints.discord.runner import build_bot
from tests.e2e.discord.conftest import Running, start
from tests.e2e.discord.faults import command, ladder, step_of
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def test_a_join_that_gets_no_answer_is_cut_and_tried_again(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("Hang", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    emu.ignore_voice_joins(guild, 1)  # the first join waits for an answer that never comes

    reply = await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    assert "tone440" in reply.text
    await emu.voice(guild).wait_for_audio(0.5, timeout=10)
    assert emu.gateway.ignored_joins[guild.id] == 0
    assert len(running.bot.services.playback.registry) == 1


async def test_a_rejoin_at_start_up_that_gets_no_answer_keeps_the_queue_says_so_and_is_tried_again(
    running: Running, media_server: MediaServer, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resume, "RETRY_DELAYS", (2.0,))
    emu = running.emu
    guild = emu.add_guild("Rejoin", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url(ladder(media_dir)))
    voice = emu.voice(guild)
    await voice.wait_for_audio(2.5, timeout=15)
    await running.bot.close()
    await asyncio.wait_for(running.bot._test_task, 15)  # type: ignore[attr-defined]
    await emu.wait_bot_voice(guild, None)
    voice.decode()
    heard = voice.audio_packets()
    step_at_stop = step_of(b"".join(p.pcm or b"" for p in heard[-15:]))
    stopped = asyncio.get_running_loop().time()

    emu.ignore_voice_joins(guild, 2)  # both attempts of the first rejoin go unanswered
    settings = running.bot.settings.model_copy(update={"voice_join_attempts": 2, "voice_join_timeout": 1.5})
    again = build_bot(settings, guild_ready_timeout=0.05)
    task = asyncio.create_task(again.start(emu.token))
    try:
        note = await emu.wait_for_message(
            guild.channel("music"), lambda m: "could not rejoin" in str(m.embeds), timeout=20
        )
        assert "1 song" in str(note.embeds) and "keep trying" in str(note.embeds)
        storage = again.services.storage
        assert storage is not None
        assert [s.guild_id for s in await storage.saved_queues()] == [guild.id]  # still saved meanwhile

        await emu.wait_bot_voice(guild, "General", timeout=20)
        await emu.wait_for_message(guild.channel("music"), lambda m: "Back after a restart" in str(m.embeds))
        resumed = await voice.wait_for_audio(0.5, since=stopped, timeout=10)
        voice.decode()
        after = step_of(b"".join(p.pcm or b"" for p in voice.audio_packets(resumed)[2:17]))
        assert -1.0 < after - step_at_stop < 1.2, (step_at_stop, after)
        player = again.services.playback.registry.get(GuildId(guild.id))
        assert player.current is not None and player.current.track.title == "ladder"
    finally:
        await again.close()
        await asyncio.wait_for(task, 15)
