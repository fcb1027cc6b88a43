"""Audio filters in the Discord voice engine: a second FFmpeg through the filter takes over mid-song, as a volume
change does; what a listener hears changes (pitch, loudness of the low band, speed), with no gap."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

import numpy as np
import pytest

from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from tests.integration.conftest import VOICE_GUILD
from tests.integration.test_discord_voice_fakes import FakeVoiceConnection, longest_explained_interval, until
from tests.support.audio_analysis import dominant_frequency, rms
from tests.support.media import make_tone
from tests.support.playback_ends import Ends

GUILD = VOICE_GUILD  # where the `connection` fixture (conftest.py) is attached
SAMPLES = 960


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("filter-media")
    make_tone(folder / "tone.wav", frequency=440, seconds=2.0)
    make_tone(folder / "low.wav", frequency=80, seconds=2.0, amplitude=0.2)
    make_tone(folder / "long.wav", frequency=440, seconds=3.0)
    return folder


def heard_between(connection: FakeVoiceConnection, start: float, end: float) -> np.ndarray:
    samples = connection.decode()
    picked = [i for i, (at, _) in enumerate(connection.audio()) if start <= at <= end]
    assert len(picked) >= 10
    return samples[picked[0] * SAMPLES : (picked[-1] + 1) * SAMPLES]


async def switch_mid_song(
    engine: VoiceEngine, connection: FakeVoiceConnection, request: PlaybackRequest, audio_filter: AudioFilter
) -> tuple[float, float]:
    """Play, switch the filter after 0.6 s, wait for the end; (when it was asked, when it was heard)."""
    ends = Ends()
    await engine.play(GUILD, request, ends)
    await asyncio.sleep(0.6)
    asked = time.perf_counter()
    await engine.set_filter(GUILD, audio_filter)
    assert await ends.wait() is None
    await until(connection.settled)
    stats = engine.stats(GUILD)
    assert stats is not None
    assert stats.switches == 1
    assert stats.last_switch_delay is not None
    assert stats.gaps == 0  # the sender never waited for a packet
    switched = asked + stats.last_switch_delay
    # No slot missed at the switch: an interval there longer than the sender's own lateness explains.
    times = [at for at, _ in connection.audio()]
    around = [b - a for a, b in itertools.pairwise(times) if abs(b - switched) < 0.1]
    assert around
    assert max(around) <= longest_explained_interval(engine, GUILD)
    return asked, switched


async def test_nightcore_raises_the_tone_by_a_quarter_mid_song(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    request = PlaybackRequest(stream_url=str(media / "tone.wav"), duration=2.0)
    asked, switched = await switch_mid_song(engine, connection, request, AudioFilter(FilterPreset.NIGHTCORE))

    before = dominant_frequency(heard_between(connection, asked - 0.4, asked - 0.02))
    after = dominant_frequency(heard_between(connection, switched + 0.05, switched + 0.5))
    assert abs(before - 440) <= 5
    assert abs(after - 550) <= 6  # 440 × 1.25
    # 0.6 s at 1x, then the remaining ~1.4 s of song at 1.25x: ~1.72 s of audio, not 2 s.
    assert len(connection.audio()) * 0.02 == pytest.approx(0.6 + 1.4 / 1.25, abs=0.12)


async def test_bass_boost_lifts_the_low_band_and_the_limiter_keeps_it_from_clipping(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    request = PlaybackRequest(stream_url=str(media / "low.wav"), duration=2.0, volume=2.0)
    asked, switched = await switch_mid_song(engine, connection, request, AudioFilter(FilterPreset.BASS_HIGH))

    before = heard_between(connection, asked - 0.4, asked - 0.02)
    after = heard_between(connection, switched + 0.1, switched + 0.6)
    assert rms(after) / rms(before) > 2.0  # +15 dB at 110 Hz: an 80 Hz tone gets much louder
    assert np.max(np.abs(after)) < 0.99  # 0.2 × 2 × 5.6 would be far past full scale without the limiter


async def test_speed_two_plays_the_rest_of_the_song_in_half_the_time(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    request = PlaybackRequest(stream_url=str(media / "long.wav"), duration=3.0)
    ends = Ends()
    await engine.play(GUILD, request, ends)
    await asyncio.sleep(0.5)
    await engine.set_filter(GUILD, AudioFilter(FilterPreset.SPEED, 2.0))
    await until(lambda: (s := engine.current_source(GUILD)) is not None and s.tempo == 2.0)
    position = engine.elapsed(GUILD)
    assert position is not None
    changed = time.perf_counter()
    assert await ends.wait() is None
    took = time.perf_counter() - changed
    assert took == pytest.approx((3.0 - position) / 2, abs=0.2)
    await until(connection.settled)
    assert abs(dominant_frequency(connection.decode()) - 440) <= 5  # speed keeps the pitch


async def test_the_position_follows_the_speed(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    request = PlaybackRequest(
        stream_url=str(media / "long.wav"), duration=3.0, audio_filter=AudioFilter(FilterPreset.SPEED, 2.0)
    )
    ends = Ends()
    await engine.play(GUILD, request, ends)
    await until(lambda: (engine.elapsed(GUILD) or 0) > 0.2)
    first, started = engine.elapsed(GUILD), time.perf_counter()
    await asyncio.sleep(0.5)
    later, ended = engine.elapsed(GUILD), time.perf_counter()
    assert first is not None and later is not None
    assert (later - first) / (ended - started) == pytest.approx(2.0, rel=0.15)
    await engine.stop(GUILD)


async def test_off_goes_back_to_a_copy_free_plain_stream(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    # 3 s: after a slow switch on a loaded machine, 35 packets of it are still left to play plainly.
    request = PlaybackRequest(
        stream_url=str(media / "long.wav"), duration=3.0, audio_filter=AudioFilter(FilterPreset.NIGHTCORE)
    )
    ends = Ends()
    await engine.play(GUILD, request, ends)
    await asyncio.sleep(0.4)
    await engine.set_filter(GUILD, AudioFilter())
    await until(lambda: (s := engine.current_source(GUILD)) is not None and s.tempo == 1.0)
    switched = len(connection.audio())
    # 35 packets of the plain stream out (counted, not timed: a loaded machine sends them later, not fewer).
    await until(lambda: len(connection.audio()) >= switched + 35, within=10)
    await engine.stop(GUILD)
    await until(connection.settled)
    tail = connection.decode()[-30 * SAMPLES - 5 * SAMPLES : -5 * SAMPLES]
    assert abs(dominant_frequency(tail) - 440) <= 6
