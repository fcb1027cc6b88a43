"""What a listener in a guild's voice channel heard from the bot: every RTP packet with its arrival time, and
the Opus audio decoded back to 48 kHz stereo PCM with libopus (`discord.opus.Decoder`).

Decoding is lazy by default (on the first call that needs PCM), so receiving stays cheap and does not compete
with the bot for the CPU while it plays; `decode_on_arrival=True` decodes in the receiving thread instead.
`Decoder.decode` of discord.py copies each frame through a Python list (~100-150 µs a packet here); `_Decoder`
decodes into a reusable buffer with the same libopus call (~35 µs) and gives identical PCM.
"""

# Waits take `timeout=` so that a failure says what never happened ("timed out waiting for the final reply
# to /play"), which a bare asyncio.timeout() around the call cannot.
# ruff: noqa: ASYNC109

from __future__ import annotations

import ctypes
import itertools
import threading
import time
from dataclasses import dataclass, field

import discord.opus

from tests.support.discord_emulator.notify import Notifier
from tests.support.discord_emulator.rtp import PacketKind, RtpPacket

SAMPLE_RATE = 48_000
FRAME_SECONDS = 0.02
FRAME_SAMPLES = 960  # RTP time of one 20 ms frame at 48 kHz


_MAX_FRAME_SAMPLES = 5760  # 120 ms at 48 kHz, the longest Opus packet


class _Decoder:
    def __init__(self) -> None:
        self._decoder = discord.opus.Decoder()  # type: ignore[no-untyped-call]
        self._pcm = (ctypes.c_int16 * (_MAX_FRAME_SAMPLES * 2))()
        self._pcm_ptr = ctypes.cast(self._pcm, ctypes.POINTER(ctypes.c_int16))

    def decode(self, data: bytes) -> bytes:
        lib = getattr(discord.opus, "_lib", None)
        if lib is None:
            return self._decoder.decode(data, fec=False)
        samples = lib.opus_decode(self._decoder._state, data, len(data), self._pcm_ptr, _MAX_FRAME_SAMPLES, 0)
        return ctypes.string_at(self._pcm, int(samples) * 4)  # stereo, 16-bit


@dataclass(frozen=True, slots=True)
class Gap:
    at: float  # arrival time (monotonic) of the packet before the gap
    interval: float  # seconds between that packet and the next one


@dataclass(slots=True)
class VoiceRecording:
    guild_id: int
    notifier: Notifier
    decode_on_arrival: bool = False
    packets: list[RtpPacket] = field(default_factory=list)
    decode_seconds: float = 0.0
    decoded: int = 0
    _decoders: dict[int, _Decoder] = field(default_factory=dict)
    _next_to_decode: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, packet: RtpPacket) -> None:
        """Called from the UDP thread."""
        self.packets.append(packet)
        if self.decode_on_arrival:
            self.decode()

    # --- decoding --------------------------------------------------------------------------------------------

    def decode(self) -> None:
        """Decode every packet not decoded yet, in arrival order, one decoder per voice connection."""
        with self._lock:
            packets = self.packets
            started = time.perf_counter()
            count = 0
            while self._next_to_decode < len(packets):
                packet = packets[self._next_to_decode]
                self._next_to_decode += 1
                if packet.kind is PacketKind.OGG_HEADER:
                    packet.pcm = b""
                    continue
                decoder = self._decoders.get(packet.connection)
                if decoder is None:
                    decoder = self._decoders[packet.connection] = _Decoder()
                try:
                    packet.pcm = decoder.decode(packet.opus)
                except discord.opus.OpusError:
                    packet.pcm = b""
                count += 1
            self.decode_seconds += time.perf_counter() - started
            self.decoded += count

    # --- what was heard --------------------------------------------------------------------------------------

    def packets_since(self, since: float, until: float | None = None) -> list[RtpPacket]:
        return [p for p in list(self.packets) if p.arrival >= since and (until is None or p.arrival < until)]

    def audio_packets(self, since: float = 0.0, until: float | None = None) -> list[RtpPacket]:
        """Packets carrying sound: not silence frames, not Ogg headers."""
        return [p for p in self.packets_since(since, until) if p.kind is PacketKind.AUDIO]

    def pcm(self, since: float = 0.0, until: float | None = None) -> bytes:
        """The decoded audio (48 kHz, stereo, s16le) of the audio packets that arrived in [since, until)."""
        self.decode()
        return b"".join(p.pcm or b"" for p in self.audio_packets(since, until))

    def pcm_between(self, start: float, end: float) -> bytes:
        return self.pcm(start, end)

    @property
    def audio_seconds(self) -> float:
        return len(self.audio_packets()) * FRAME_SECONDS

    @property
    def first_audio_at(self) -> float | None:
        audio = self.audio_packets()
        return audio[0].arrival if audio else None

    def gaps(self, threshold: float = 0.03, *, since: float = 0.0, until: float | None = None) -> list[Gap]:
        """Inter-arrival intervals longer than `threshold` between consecutive audio packets (also across a
        voice reconnect: the listener hears the silence all the same; silence frames and pauses count too).

        A 20 ms frame arriving more than 30 ms after the previous one is a gap that a jitter buffer may hide;
        a listener notices ~50 ms (DESIGN.md)."""
        audio = self.audio_packets(since, until)
        return [
            Gap(prev.arrival, nxt.arrival - prev.arrival)
            for prev, nxt in itertools.pairwise(audio)
            if nxt.arrival - prev.arrival > threshold
        ]

    def skipped_frames(self, *, since: float = 0.0, until: float | None = None) -> int:
        """20 ms frames of RTP time without audio between consecutive audio packets (per connection): a silence
        frame sent where the song should go on, or a packet never sent. What a listener hears as a gap whatever
        the machine's load: arrival times (`gaps`) also count a sender or a receiver that ran late."""
        skipped = 0
        last: dict[int, int] = {}
        for packet in self.audio_packets(since, until):
            previous = last.get(packet.connection)
            if previous is not None:
                skipped += max(0, (packet.timestamp - previous) % 2**32 // FRAME_SAMPLES - 1)
            last[packet.connection] = packet.timestamp
        return skipped

    def lost(self) -> int:
        """Packets missing from RTP sequence numbering (per connection)."""
        missing = 0
        last: dict[int, int] = {}
        for packet in list(self.packets):
            previous = last.get(packet.connection)
            if previous is not None:
                missing += max(0, (packet.sequence - previous - 1) % 65536)
            last[packet.connection] = packet.sequence
        return missing

    # --- waiting ---------------------------------------------------------------------------------------------

    async def wait_for_audio(self, seconds: float = 0.2, *, since: float = 0.0, timeout: float = 10.0) -> float:
        """Wait until `seconds` of audio arrived after `since`; returns the arrival time of the first packet."""
        needed = max(1, round(seconds / FRAME_SECONDS))

        def probe() -> float | None:
            audio = self.audio_packets(since)
            return audio[0].arrival if len(audio) >= needed else None

        return await self.notifier.wait_for(probe, timeout=timeout, what=f"{seconds}s of audio", poll=0.01)

    async def wait_for_silence(self, quiet: float = 0.3, *, timeout: float = 10.0) -> float:
        """Wait until no packet arrived for `quiet` seconds; returns when the last one arrived (or now)."""

        def probe() -> float | None:
            last = self.packets[-1].arrival if self.packets else None
            now = time.monotonic()
            if last is None:
                return now
            return last if now - last >= quiet else None

        return await self.notifier.wait_for(probe, timeout=timeout, what=f"{quiet}s without packets", poll=0.02)
