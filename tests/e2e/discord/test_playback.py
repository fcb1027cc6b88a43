"""What a listener hears when people use the bot: tones played through the real voice path, checked by FFT."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

from tests.e2e.discord.conftest import Running, start
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono, rms
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def command(running: Running, guild: Any, member: Any, name: str, **options: object) -> Any:
    """A member types /name in #music and waits for the bot's answer."""
    interaction = await running.emu.slash(guild, member, name, dict(options), channel="music")
    return await interaction.final(timeout=15)


def heard(running: Running, guild: object, since: float, until: float | None = None) -> np.ndarray:
    pcm = running.emu.voice(guild).pcm(since=since, until=until)  # type: ignore[arg-type]
    return pcm_to_mono(pcm)


async def test_play_is_heard_as_that_tone_and_skip_moves_on(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("Tones", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)

    first = await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music")
    reply = await first.final(timeout=15)
    assert first.deferred
    assert not reply.ephemeral
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(1.0)
    assert abs(dominant_frequency(heard(running, guild, started, started + 1.0)) - 440) < 3

    queued = await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone880.mp3")}, channel="music")
    assert "#1" in (await queued.final(timeout=15)).text
    skip = await emu.slash(guild, alice, "skip", {}, channel="music")
    await skip.final(timeout=15)
    after_skip = asyncio.get_running_loop().time()
    await voice.wait_for_audio(1.5, since=after_skip)
    assert abs(dominant_frequency(heard(running, guild, after_skip + 0.3, after_skip + 1.3)) - 880) < 3


async def test_pause_stops_the_packets_and_resume_continues(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("Pause", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/tone660.ogg"))
    voice = emu.voice(guild)
    await voice.wait_for_audio(0.5)

    await command(running, guild, alice, "pause")
    paused_at = asyncio.get_running_loop().time()
    await asyncio.sleep(1.0)
    assert voice.audio_packets(since=paused_at + 0.2, until=paused_at + 1.0) == []

    await command(running, guild, alice, "resume")
    resumed_at = asyncio.get_running_loop().time()
    await voice.wait_for_audio(1.0, since=resumed_at)
    assert abs(dominant_frequency(heard(running, guild, resumed_at, resumed_at + 1.0)) - 660) < 3


async def test_volume_50_lowers_the_level(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("Volume", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/tone550.m4a"))
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(0.8)
    loud = rms(heard(running, guild, started + 0.2, started + 0.8))

    await command(running, guild, alice, "volume", level=50)
    changed = asyncio.get_running_loop().time()
    await voice.wait_for_audio(1.2, since=changed)
    quiet = rms(heard(running, guild, changed + 0.6, changed + 1.2))  # within half a second
    assert quiet / loud == pytest.approx(0.5, rel=0.15)


async def test_seek_jumps_and_stop_and_leave_free_the_guild(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("Seek", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    voice = emu.voice(guild)
    await voice.wait_for_audio(0.3)
    seek = await emu.slash(guild, alice, "seek", {"position": "0:02"}, channel="music")
    await seek.final(timeout=15)
    sought = asyncio.get_running_loop().time()
    await asyncio.sleep(1.6)
    # A 3 s tone sought to 2 s has about one second left.
    assert 0.6 < len(heard(running, guild, sought)) / 48_000 < 1.4

    await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    await command(running, guild, alice, "stop")
    stopped = asyncio.get_running_loop().time()
    await asyncio.sleep(0.6)
    assert voice.audio_packets(since=stopped + 0.2) == []

    await command(running, guild, alice, "leave")
    await emu.wait_bot_voice(guild, None)
    assert len(running.bot.services.playback.registry) == 0


async def test_a_bad_url_gets_an_ephemeral_error_and_the_bot_stays_healthy(
    running: Running, media_server: MediaServer
) -> None:
    emu = running.emu
    guild = emu.add_guild("Errors", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)

    bad = await emu.slash(guild, alice, "play", {"query": media_server.url("/status/404")}, channel="music")
    await bad.final(timeout=15)
    private = await bad.followup(0)
    assert private.ephemeral
    assert "can't play that" in private.text
    assert "404" in private.text
    assert "Traceback" not in private.text

    good = await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music")
    await good.final(timeout=15)
    started = await emu.voice(guild).wait_for_audio(0.5)
    assert abs(dominant_frequency(heard(running, guild, started, started + 0.5)) - 440) < 3


async def test_twenty_guilds_each_hear_their_own_tone(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    tones = ["tone440.wav", "tone880.mp3", "tone660.ogg", "tone550.m4a"]
    expected = {"tone440.wav": 440, "tone880.mp3": 880, "tone660.ogg": 660, "tone550.m4a": 550}
    guilds = []
    for i in range(20):
        guild = emu.add_guild(f"G{i}", voice_channels=["General"], text_channels=["music"])
        guilds.append((guild, emu.add_member(guild, f"user{i}", in_voice="General"), tones[i % 4]))
    await start(running)

    interactions = await asyncio.gather(
        *(emu.slash(g, m, "play", {"query": media_server.url(f"/media/{t}")}, channel="music") for g, m, t in guilds)
    )
    await asyncio.gather(*(i.final(timeout=30) for i in interactions))
    starts = await asyncio.gather(*(emu.voice(g).wait_for_audio(1.0) for g, _, _ in guilds))
    for (guild, _, tone), started in zip(guilds, starts, strict=True):
        assert abs(dominant_frequency(heard(running, guild, started, started + 1.0)) - expected[tone]) < 3, guild.name
