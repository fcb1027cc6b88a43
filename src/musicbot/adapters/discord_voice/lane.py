"""What the sender and the event loop share about each guild: its connection, what plays, and its figures.

Each lane has a `threading.Lock`. The event loop takes it to change what plays (play, stop, pause, a volume
switch); the sender takes it while it serves the lane in a tick. Neither awaits nor blocks while holding it,
so it is held for microseconds; with the asyncio sender it is never contended.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Protocol

import discord

from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest
from musicbot.domain.ids import GuildId


class Speaker(Protocol):
    async def speak(self, state: discord.SpeakingState = ...) -> None: ...


class VoiceConnection(Protocol):
    """What the engine needs of a voice connection: `discord.VoiceClient` has it, and so do the test fakes."""

    @property
    def ws(self) -> Speaker: ...

    def is_connected(self) -> bool: ...

    def send_audio_packet(self, data: bytes, *, encode: bool = True) -> None: ...


@dataclass(slots=True)
class LaneStats:
    """Counted by the sender since the guild's connection was attached (all songs together)."""

    packets: int = 0  # audio packets sent
    silence: int = 0  # silence frames sent after audio stopped (5 at each break)
    late: int = 0  # packets sent more than `LATE` after their 20 ms slot
    max_lateness: float = 0.0  # seconds
    longest_interval: float = 0.0  # seconds between two audio packets while a song plays (pauses aside)
    gaps: int = 0  # times a playing stream had no packet ready when its slot came (after its first packet)
    gap_time: float = 0.0  # seconds of those gaps together
    longest_gap: float = 0.0
    offline_time: float = 0.0  # seconds the voice connection was down while something played
    send_errors: int = 0
    switches: int = 0  # volume changes heard (a second FFmpeg took over)
    last_switch_delay: float | None = None  # seconds from set_volume to the first packet at the new volume

    def snapshot(self) -> LaneStats:
        return replace(self)


@dataclass(slots=True, eq=False)
class Playback:
    """One `play`: a source (replaced by `incoming` at a volume switch) and whom to tell when it ends."""

    request: PlaybackRequest
    on_end: PlaybackEnded
    source: OpusSource  # sender swaps it at a switch; the loop sets it before the playback is shared
    incoming: OpusSource | None = None  # loop: the same song at another volume, to take over
    switch_asked_at: float | None = None
    next: Playback | None = None  # loop: a play() that came while this one's tail still plays
    continues: bool = False  # follows another playback's tail: a wait for its first packet is a gap
    started: bool = False  # sender: its first packet went out
    starving_since: float | None = None  # sender: the slot since which it had no packet ready
    end_reported: bool = False  # sender: its end (or failure) was handed to the loop
    cancelled: bool = False  # loop: stopped or replaced; on_end must not be called any more

    @property
    def position(self) -> float:
        return self.source.position


@dataclass(slots=True, eq=False)
class Lane:
    guild_id: GuildId
    connection: VoiceConnection
    lock: threading.Lock = field(default_factory=threading.Lock)
    current: Playback | None = None
    paused: bool = False  # loop
    stats: LaneStats = field(default_factory=LaneStats)
    # --- sender only ---
    silence_left: int = 0
    offline_since: float | None = None
    last_audio: float | None = None  # when its last audio packet left (perf_counter), unless stopped since
    # --- loop only ---
    speaking: bool = False
    lost: bool = False  # the connection stayed down past the timeout; play() refuses until it is back

    # --- what the loop changes, under the lock --------------------------------------------------------
    def take(self, playback: Playback) -> Playback | None:
        """`playback` plays now, unpaused: what it replaced (to discard), if anything."""
        with self.lock:
            self.paused = False
            current = self.current
            if current is not None and current.end_reported:
                # Its tail still plays (the player answers an end within it): this one follows gaplessly.
                replaced, current.next, playback.continues = current.next, playback, True
            else:
                replaced, self.current = current, playback
        return replaced

    def clear(self) -> Playback | None:
        """Nothing plays any more: what did (to discard); the sender follows with silence."""
        with self.lock:
            old, self.current, self.paused = self.current, None, False
        return old

    def reconnect(self, connection: VoiceConnection) -> None:
        """A new connection for the guild (after a move or a rejoin); what plays goes on through it."""
        with self.lock:
            self.connection, self.lost, self.speaking = connection, False, False

    def playing(self) -> Playback | None:
        """What a listener thinks plays: the playback queued behind a finishing one, else the current one."""
        current = self.current
        if current is not None and current.next is not None:
            return current.next
        return current
