"""Sources that stall before their first byte: given up within ~20 s and said once; one that failed before
sending anything starts again at its start, not where the wall clock got meanwhile."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.e2e.discord.conftest import Running, start
from tests.e2e.discord.faults import WINDOW, command, ladder, step_of
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def test_a_source_that_never_answers_is_given_up_said_once_and_the_next_song_plays(
    running: Running, media_server: MediaServer
) -> None:
    emu = running.emu
    guild = emu.add_guild("Stall", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    asked = asyncio.get_running_loop().time()
    # Every request FFmpeg makes (the duration probe's and the player's) waits a minute for its first byte.
    await command(running, guild, alice, "play", query=media_server.url("/stall/tone440.wav?delay=60"))
    await command(running, guild, alice, "play", query=media_server.url("/media/tone880.mp3"))

    voice = emu.voice(guild)
    next_song = await voice.wait_for_audio(0.5, timeout=30)
    assert next_song - asked < 20.0
    assert abs(dominant_frequency(pcm_to_mono(voice.pcm(since=next_song, until=next_song + 0.5))) - 880) < 3
    failures = [str(m.embeds) for m in emu.messages(guild.channel("music")) if "Could not play" in str(m.embeds)]
    assert len(failures) == 1 and "sent nothing" in failures[0]


async def test_a_stream_that_broke_before_its_first_byte_starts_again_at_its_start(
    running: Running, media_server: MediaServer, media_dir: Path
) -> None:
    emu = running.emu
    guild = emu.add_guild("Restart", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)
    song = ladder(media_dir, "wav")
    # The duration probe's two requests go through; the player's first one hangs 4 s, then the server hangs up.
    url = media_server.url(f"/stall{song.removeprefix('/media')}?skip=2&times=1&delay=4&then=close")
    await command(running, guild, alice, "play", query=url)

    voice = emu.voice(guild)
    first = await voice.wait_for_audio(0.5, timeout=30)
    voice.decode()
    heard = voice.audio_packets(first)[:WINDOW]
    assert round(step_of(b"".join(p.pcm or b"" for p in heard))) == 0  # the ladder's first second, not its fifth
    # The probe's two requests, the player's first one (hung up on), then the player's again: it was retried.
    assert media_server.ffmpeg_requests[url.removeprefix(media_server.base_url)] >= 5
