"""Live volume: a second FFmpeg at the new volume takes over mid-song, heard within half a second, no gap."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.adapters.discord_voice.sender import SWITCH_CUSHION
from musicbot.adapters.discord_voice.source import FRAME
from musicbot.adapters.discord_voice.volume import PREROLL
from musicbot.application.playback.ports import PlaybackRequest
from tests.integration.conftest import VOICE_GUILD
from tests.integration.test_discord_voice_fakes import FakeVoiceConnection, longest_explained_interval, until
from tests.support.audio_analysis import dominant_frequency, rms
from tests.support.media import make_tone
from tests.support.playback_ends import Ends
from tests.support.processes import child_pids

GUILD = VOICE_GUILD  # where the `connection` fixture (conftest.py) is attached
SAMPLES = 960  # a packet's worth at 48 kHz


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("volume-media")
    make_tone(folder / "tone.wav", frequency=440, seconds=1.5)
    make_tone(folder / "tone.ogg", frequency=440, seconds=1.5)
    return folder


def loudness(connection: FakeVoiceConnection, start: float, end: float) -> float:
    """RMS of what a listener heard from the packets sent between `start` and `end` (perf_counter times)."""
    samples = connection.decode()
    picked = [i for i, (at, _) in enumerate(connection.audio()) if start <= at <= end]
    assert len(picked) >= 10
    return rms(samples[picked[0] * SAMPLES : (picked[-1] + 1) * SAMPLES])


def tone_phase(samples: npt.NDArray[np.float64], start: int, length: int = 2 * SAMPLES) -> float:
    """Phase (radians) of the 440 Hz tone in `samples[start:start + length]`, relative to sample 0."""
    n = np.arange(start, start + length)
    window = samples[start : start + length]
    return float(np.angle(np.sum(window * np.exp(-2j * np.pi * 440 * n / 48_000))))


async def play_and_change(
    engine: VoiceEngine, connection: FakeVoiceConnection, request: PlaybackRequest, volume: float
) -> float:
    """Play `request`, change the volume after 0.6 s, wait for the end; when the change was asked."""
    ends = Ends()
    await engine.play(GUILD, request, ends)
    await asyncio.sleep(0.6)
    asked = time.perf_counter()
    await engine.set_volume(GUILD, volume)
    assert await ends.wait() is None
    await until(connection.settled)
    return asked


async def test_a_transcoded_song_changes_volume_within_half_a_second_without_a_gap(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    request = PlaybackRequest(stream_url=str(media / "tone.wav"), duration=1.5)
    asked = await play_and_change(engine, connection, request, 0.25)

    stats = engine.stats(GUILD)
    assert stats is not None
    assert stats.switches == 1
    assert stats.last_switch_delay is not None  # how fast: bench/, not a test on a shared machine
    switched = asked + stats.last_switch_delay
    before = loudness(connection, asked - 0.4, asked - 0.02)
    after = loudness(connection, switched + 0.02, switched + 0.6)
    assert after / before == pytest.approx(0.25, rel=0.15)

    assert len(connection.audio()) == 76  # the song's 75 packets and FFmpeg's warm-up: nothing lost or repeated
    first_new = next(i for i, (at, _) in enumerate(connection.audio()) if at >= switched - 0.001)
    samples = connection.decode()
    # The tone goes on in phase across the change (to a few microseconds): not a sample skipped or repeated.
    drift = tone_phase(samples, (first_new - 3) * SAMPLES) - tone_phase(samples, (first_new + 1) * SAMPLES)
    assert abs(np.angle(np.exp(1j * drift))) < 0.05
    assert connection.silence_count() == 5  # only at the end
    assert max(connection.intervals()) <= longest_explained_interval(engine, GUILD)
    assert stats.gaps == 0
    assert abs(dominant_frequency(connection.decode()) - 440) <= 3


async def test_a_copied_song_is_transcoded_from_the_change_on(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    request = PlaybackRequest(stream_url=str(media / "tone.ogg"), duration=1.5)
    ends = Ends()
    await engine.play(GUILD, request, ends)
    source = engine.current_source(GUILD)
    assert source is not None
    assert source.copy
    await asyncio.sleep(0.6)
    asked = time.perf_counter()
    await engine.set_volume(GUILD, 0.5)
    await until(lambda: (stats := engine.stats(GUILD)) is not None and stats.switches == 1)
    source = engine.current_source(GUILD)
    assert source is not None
    assert not source.copy
    assert source.volume == 0.5
    assert await ends.wait() is None
    await until(connection.settled)

    stats = engine.stats(GUILD)
    assert stats is not None
    assert stats.last_switch_delay is not None
    switched = asked + stats.last_switch_delay
    before = loudness(connection, asked - 0.4, asked - 0.02)
    after = loudness(connection, switched + 0.02, switched + 0.6)
    assert after / before == pytest.approx(0.5, rel=0.15)
    assert abs(len(connection.audio()) - 76) <= 1  # a copy and a transcode line up to the packet
    assert stats.gaps == 0


def switch_ready(engine: VoiceEngine) -> bool:
    """The FFmpeg at the new volume holds what the sender needs to take over at once: its pre-roll and the
    switch's cushion (the engine's insides: no port tells it)."""
    playback = engine._lanes[GUILD].playing()
    needed = round(PREROLL / FRAME) + SWITCH_CUSHION
    return playback is not None and playback.incoming is not None and len(playback.incoming.packets) >= needed


async def test_volume_changed_while_paused_is_heard_from_the_resume(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, PlaybackRequest(stream_url=str(media / "tone.wav"), duration=1.5), ends)
    await asyncio.sleep(0.4)
    await engine.pause(GUILD)
    await asyncio.sleep(0.1)
    position = engine.elapsed(GUILD)
    await engine.set_volume(GUILD, 0.25)
    await until(lambda: switch_ready(engine))  # waited for, not timed: FFmpeg starts slowly on a loaded machine
    assert engine.elapsed(GUILD) == position
    paused_at = len(connection.audio())  # no audio goes out while paused: the next packet is the resume's
    await engine.resume(GUILD)
    assert await ends.wait() is None
    await until(connection.settled)

    stats = engine.stats(GUILD)
    assert stats is not None
    assert stats.switches == 1
    samples = connection.decode()

    def packets(start: int, end: int) -> float:
        return rms(samples[start * SAMPLES : end * SAMPLES])

    before = packets(paused_at - 15, paused_at)
    # From the resume on: the listener's decoder takes a packet or two to follow the new stream.
    assert packets(paused_at + 2, paused_at + 5) / before == pytest.approx(0.25, rel=0.15)
    assert packets(paused_at, paused_at + 30) / before == pytest.approx(0.25, rel=0.15)
    assert len(connection.audio()) == 76


async def test_quick_changes_keep_one_extra_ffmpeg_at_most_and_the_last_one_wins(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, PlaybackRequest(stream_url=str(media / "tone.wav"), duration=1.5), ends)
    await asyncio.sleep(0.3)
    for volume in (0.8, 0.6, 0.4, 0.2):
        await engine.set_volume(GUILD, volume)
        assert len(child_pids()) <= 2
    await engine.set_volume(GUILD, 0.2)  # the same again: nothing to do
    await until(lambda: (source := engine.current_source(GUILD)) is not None and source.volume == 0.2)
    await until(lambda: len(child_pids()) <= 1)
    assert await ends.wait() is None
    await until(connection.settled)
    samples = connection.decode()
    before, after = rms(samples[2 * SAMPLES : 12 * SAMPLES]), rms(samples[-40 * SAMPLES : -5 * SAMPLES])
    assert after / before == pytest.approx(0.2, rel=0.15)
