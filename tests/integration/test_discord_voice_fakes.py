"""Fakes and helpers for the Discord voice engine tests (imported by the other test_discord_voice_* modules).

`FakeVoiceConnection` stands in for `discord.VoiceClient`: it records every packet with the time it was
sent, can be taken offline (as while discord.py reconnects), and decodes what it got with real libopus.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

import discord
import numpy as np
import numpy.typing as npt
import pytest
from discord import opus

from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.adapters.discord_voice.sender import TICK
from musicbot.adapters.discord_voice.source import FRAME
from musicbot.domain.ids import GuildId
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono, rms

SILENCE = b"\xf8\xff\xfe"


class FakeVoiceSocket:
    def __init__(self) -> None:
        self.states: list[discord.SpeakingState] = []

    async def speak(self, state: discord.SpeakingState = discord.SpeakingState.voice) -> None:
        self.states.append(state)


class FakeVoiceConnection:
    """Records packets as `(perf_counter, bytes)`; `connected = False` makes it look like a dropped connection."""

    def __init__(self) -> None:
        self.ws = FakeVoiceSocket()
        self.connected = True
        self.packets: list[tuple[float, bytes]] = []
        self.sent_offline = 0  # at most one can race a test that flips `connected` mid-tick
        self._lock = threading.Lock()  # the sender may be a thread

    def is_connected(self) -> bool:
        return self.connected

    def send_audio_packet(self, data: bytes, *, encode: bool = True) -> None:
        assert not encode, "the engine sends Opus made by FFmpeg"
        if not self.connected:
            self.sent_offline += 1
        with self._lock:
            self.packets.append((time.perf_counter(), data))

    def settled(self) -> bool:
        """The audio stopped: the last packet was silence and nothing came for 60 ms (the end of a tail)."""
        with self._lock:
            last = self.packets[-1] if self.packets else None
        return last is not None and last[1] == SILENCE and time.perf_counter() - last[0] > 0.06

    # --- what a listener got -------------------------------------------------------------------------
    def audio(self) -> list[tuple[float, bytes]]:
        return [(at, data) for at, data in self.packets if data != SILENCE]

    def silence_count(self) -> int:
        return sum(1 for _, data in self.packets if data == SILENCE)

    def intervals(self) -> list[float]:
        times = [at for at, _ in self.audio()]
        return [b - a for a, b in itertools.pairwise(times)]

    def decode(self) -> npt.NDArray[np.float64]:
        """Every audio packet through one Opus decoder, as a listener's client would: mono samples in [-1, 1]."""
        if not opus.is_loaded():
            opus._load_default()
        decoder = opus.Decoder()
        return pcm_to_mono(b"".join(decoder.decode(data) for _, data in self.audio()))


def longest_explained_interval(engine: VoiceEngine, guild: GuildId) -> float:
    """The longest interval between two audio packets that the sender's own record explains, whatever the load:
    the 20 ms slot, plus the most it was late at a packet (a loaded machine), plus the slots it wrote off after a
    stall. Each packet leaves after its slot's deadline, and is counted late by when it left, so a longer interval
    is a slot the sender had no packet for (audio skipped at a switch, a song's change), not the machine's load.
    (1 ms for the clock reads around the fake's own.)"""
    stats = engine.stats(guild)
    assert stats is not None
    return FRAME + stats.max_lateness + engine.sender.timing.skipped_slots * TICK + 0.001


async def until(condition: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


# --- the fake itself ----------------------------------------------------------------------------------------
def test_the_fake_decodes_silence_to_zeros() -> None:
    connection = FakeVoiceConnection()
    connection.send_audio_packet(SILENCE, encode=False)
    assert connection.audio() == []
    assert connection.silence_count() == 1
    with pytest.raises(AssertionError):
        connection.send_audio_packet(b"x", encode=True)


def test_the_fake_decodes_real_opus(tmp_path: Path) -> None:
    if not opus.is_loaded():
        opus._load_default()
    encoder = opus.Encoder()
    connection = FakeVoiceConnection()
    t = np.arange(960 * 25) / 48_000
    tone = (np.sin(2 * np.pi * 440 * t) * 0.5 * 32767).astype("<i2")
    stereo = np.repeat(tone, 2).tobytes()
    for frame in range(25):
        chunk = stereo[frame * 3840 : (frame + 1) * 3840]
        connection.send_audio_packet(encoder.encode(chunk, 960), encode=False)
    samples = connection.decode()
    assert abs(dominant_frequency(samples[4800:]) - 440) <= 3
    assert rms(samples[4800:]) == pytest.approx(0.5 / np.sqrt(2), rel=0.1)
