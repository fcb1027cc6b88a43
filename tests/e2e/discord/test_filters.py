"""/filter through the real bot and the real voice path: what a listener hears changes mid-song (checked by FFT)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.e2e.discord.conftest import Running, music_guild, start
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono, rms
from tests.support.media import make_tone
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def command(running: Running, guild: Any, member: Any, name: str, **options: object) -> Any:
    interaction = await running.emu.slash(guild, member, name, dict(options), channel="music")
    return await interaction.final(timeout=15)


def heard(running: Running, guild: object, since: float, until: float | None = None) -> np.ndarray:
    return pcm_to_mono(running.emu.voice(guild).pcm(since=since, until=until))  # type: ignore[arg-type]


def last_heard(running: Running, guild: object, seconds: float) -> np.ndarray:
    """The last `seconds` of audio the listener got, counted in packets (late ones count as much)."""
    voice = running.emu.voice(guild)  # type: ignore[arg-type]
    last = voice.audio_packets()[-round(seconds / FRAME)]
    return pcm_to_mono(voice.pcm(since=last.arrival))


def now() -> float:
    return asyncio.get_running_loop().time()


FRAME = 0.02  # seconds of audio in a packet
SPEED_SONG = 8.0  # seconds: time for the switch, then up to 3 s of audio at speed 2


async def position_rate(player: Any, voice: Any, since: float) -> tuple[float, float, int]:
    """Seconds of song the bot's position moved per second of audio the listener got over the next second of it;
    the position and the count of audio packets heard (since `since`) at its end."""
    before, counted = player.elapsed(), len(voice.audio_packets(since))
    await voice.wait_for_audio(1.0, since=voice.audio_packets(since)[-1].arrival + 1e-6)
    after, count = player.elapsed(), len(voice.audio_packets(since))
    return (after - before) / (FRAME * (count - counted)), after, count


async def test_nightcore_raises_the_tone_by_a_quarter(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild, alice = music_guild(emu, "Nightcore")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(0.6)

    reply = await command(running, guild, alice, "filter", preset="nightcore")
    assert "nightcore" in reply.text
    await voice.wait_for_silence(1.0)  # the song's end: a switch slowed by a loaded machine is behind us
    assert abs(dominant_frequency(heard(running, guild, started, started + 0.5)) - 440) < 3
    assert abs(dominant_frequency(last_heard(running, guild, 0.5)) - 550) < 5
    assert voice.skipped_frames(since=started) == 0  # not a frame missed at the switch


async def test_bass_boost_lifts_the_low_band_without_clipping(
    running: Running, media_server: MediaServer, media_dir: Path
) -> None:
    make_tone(media_dir / "filters-tone80.wav", frequency=80, seconds=3.0, amplitude=0.4)
    emu = running.emu
    guild, alice = music_guild(emu, "Bass")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/filters-tone80.wav"))
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(0.6)
    plain = heard(running, guild, started + 0.1, started + 0.6)

    await command(running, guild, alice, "filter", preset="bass-high")
    await voice.wait_for_silence(1.0)  # the song's end: a switch slowed by a loaded machine is behind us
    boosted = last_heard(running, guild, 0.5)
    assert rms(boosted) / rms(plain) > 2.0
    assert np.max(np.abs(boosted)) < 0.99  # the limiter: 0.4 × 5.6 would clip hard
    assert voice.skipped_frames(since=started) == 0  # not a frame missed at the switch


async def test_speed_two_halves_the_time_to_the_song_s_end_and_the_position_keeps_up(
    running: Running, media_server: MediaServer, media_dir: Path
) -> None:
    make_tone(media_dir / "filters-speed.wav", frequency=440, seconds=SPEED_SONG)
    emu = running.emu
    guild, alice = music_guild(emu, "Speed")
    await start(running)
    await command(running, guild, alice, "play", query=media_server.url("/media/filters-speed.wav"))
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(0.5)
    player = running.bot.services.playback.registry.get(guild.id)

    await command(running, guild, alice, "filter", preset="speed", amount=2.0)
    changed = now()
    # What /nowplaying and /seek go by: 2 s of song per second of audio heard, once the switch is behind us.
    # Counted in packets, not timed: a loaded machine sends them late, not fewer.
    for _ in range(3):
        rate, position, count = await position_rate(player, voice, started)
        if rate > 1.7:
            break
    assert rate == pytest.approx(2.0, rel=0.15)
    ended = await voice.wait_for_silence(1.0)
    rest = len(voice.audio_packets(started)) - count
    assert rest * FRAME == pytest.approx((SPEED_SONG - position) / 2, abs=0.15)  # half the song's time to its end
    assert abs(dominant_frequency(heard(running, guild, changed + 0.1, ended - 0.1)) - 440) < 5  # pitch kept
