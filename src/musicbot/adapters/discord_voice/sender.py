"""One sending loop for every guild: every 20 ms, one packet per playing guild, straight to its socket.

discord.py's `AudioPlayer` runs a thread per guild; 400 of them fight over the GIL until lateness reaches
seconds (DESIGN.md). Here one clock serves all lanes, and its ticks are deadlines (`start + k * 5 ms`), so
lateness never accumulates into drift. The lanes are spread over `PHASES` ticks of 5 ms: each lane is served
every 20 ms, at its own phase. Sending 400 packets takes 5-9 ms (discord.py's packet building and encryption,
the syscall: 12-22 us a packet); in one burst every 20 ms the last guild would always be that late and the
event loop would wait for the GIL that long. Spread, a tick sends ~100: at 400 guilds, p50 1 ms and p99 4 ms
late. No guild cares about its phase: the listener's jitter buffer only sees packets every 20 ms.

A tick missed by less than `MAX_DEBT` is caught up at once (a short burst the listener's jitter buffer
absorbs); behind by more (the machine stalled), the missed ticks are skipped.

Everything the sender needs from the event loop (end of a song, waking a reader, speaking again after a
reconnect) goes back as a batch of notes, run on the loop: `call_soon_threadsafe` from the thread driver,
directly from the task driver (`drivers.py`). The sender itself never touches an asyncio object.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Protocol

from musicbot.adapters.discord_voice.lane import Lane, Playback
from musicbot.adapters.discord_voice.send_timing import SendTiming
from musicbot.adapters.discord_voice.source import FRAME, LOW_WATER, OpusSource

log = logging.getLogger(__name__)

SILENCE = b"\xf8\xff\xfe"  # an Opus frame of silence
SILENCE_FRAMES = 5  # sent at every break, so the listener's decoder does not interpolate over it (Discord docs)
LATE = 0.010  # seconds behind its slot after which a packet counts as late
MAX_DEBT = 0.2  # seconds behind beyond which missed slots are skipped rather than sent in a burst
TAIL = 5  # packets still to send when a song's end is reported: play() of the next one lands behind them
SWITCH_TIMEOUT = 5.0  # seconds a volume switch may wait for the new FFmpeg to line up before it is dropped
# Packets the new FFmpeg must hold, lined up, before a switch: taken over with one, a just-started FFmpeg on a
# loaded machine (nice 5, two busy cores) left the next slot empty, a silence frame the listener heard. The old
# one plays meanwhile; on a quiet machine a new FFmpeg has them within a tick.
SWITCH_CUSHION = 3
PHASES = 4  # lanes are spread over this many ticks of each 20 ms
TICK = FRAME / PHASES

Note = Callable[[], None]


class SenderHooks(Protocol):
    """Called on the event loop, from the notes of a tick."""

    def ended(self, lane: Lane, playback: Playback, reason: str | None) -> None: ...

    def lost(self, lane: Lane, playback: Playback) -> None: ...

    def idle(self, lane: Lane) -> None: ...

    def reconnected(self, lane: Lane) -> None: ...

    def retire(self, source: OpusSource) -> None: ...


class PacketSender:
    def __init__(
        self, hooks: SenderHooks, *, reconnect_timeout: float, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self._hooks = hooks
        self._clock = clock  # when a packet left: the deadlines' clock
        self._reconnect_timeout = reconnect_timeout
        # Each phase's lanes, as a tuple replaced whole (never mutated): a tick iterates a stable tuple.
        self._phases: list[tuple[Lane, ...]] = [()] * PHASES
        self._turn = 0
        self.timing = SendTiming()

    @property
    def lanes(self) -> tuple[Lane, ...]:
        return tuple(lane for phase in self._phases for lane in phase)

    def add(self, lane: Lane) -> None:
        """Event loop: `lane` joins the phase with the fewest lanes."""
        phase = min(range(PHASES), key=lambda index: len(self._phases[index]))
        self._phases[phase] = (*self._phases[phase], lane)

    def remove(self, lane: Lane) -> None:
        for index, phase in enumerate(self._phases):
            if lane in phase:
                self._phases[index] = tuple(other for other in phase if other is not lane)

    def tick(self, deadline: float) -> tuple[list[Note], bool]:
        """Serve the next phase's lanes, due at `deadline`: the notes for the loop, and whether one of them plays."""
        self.timing.ticks += 1
        turn = self._turn
        self._turn = (turn + 1) % PHASES
        notes: list[Note] = []
        busy = False
        for lane in self._phases[turn]:
            with lane.lock:
                try:
                    self._serve(lane, deadline, notes)
                except Exception:
                    lane.stats.send_errors += 1
                    if lane.stats.send_errors <= 3:
                        log.exception("sending audio in guild %s failed", lane.guild_id)
                busy = busy or lane.current is not None or lane.silence_left > 0 or lane.offline_since is not None
        return notes, busy

    # --- one lane, its lock held ---------------------------------------------------------------------
    def _serve(self, lane: Lane, deadline: float, notes: list[Note]) -> None:
        playback = lane.current
        if not lane.connection.is_connected():
            # Nothing is sent and the song does not move on while discord.py reconnects.
            lane.silence_left = 0
            if playback is not None and not lane.paused:
                self._offline(lane, playback, deadline, notes)
            return
        if lane.offline_since is not None:
            lane.stats.offline_time += deadline - lane.offline_since
            lane.offline_since = None
            notes.append(partial(self._hooks.reconnected, lane))
        packet = None if playback is None or lane.paused else self._next_packet(lane, playback, deadline, notes)
        if packet is not None:
            lane.silence_left = SILENCE_FRAMES
            self._send(lane, packet, deadline)
            return
        if lane.current is None or lane.paused:
            lane.last_audio = None  # stopped or paused: the silence that follows is no gap
        if lane.silence_left:
            lane.silence_left -= 1
            self._send(lane, SILENCE, None)
            if not lane.silence_left and lane.current is None:
                notes.append(partial(self._hooks.idle, lane))

    def _offline(self, lane: Lane, playback: Playback, deadline: float, notes: list[Note]) -> None:
        if lane.offline_since is None:
            lane.offline_since = deadline
            return
        target = playback.next or playback
        if not target.end_reported and deadline - lane.offline_since > self._reconnect_timeout:
            target.end_reported = True
            notes.append(partial(self._hooks.lost, lane, target))

    def _next_packet(self, lane: Lane, playback: Playback, deadline: float, notes: list[Note]) -> bytes | None:
        if playback.incoming is not None and not playback.end_reported:
            self._line_up(lane, playback, deadline, notes)
        source = playback.source
        packets = source.packets
        if packets:
            packet = packets.popleft()
            source.taken += 1
            if source.hungry and len(packets) < LOW_WATER:
                notes.append(source.wake)
            if source.done and not playback.end_reported and len(packets) <= TAIL:
                self._report_end(lane, playback, notes)
            if playback.starving_since is not None:
                self._count_gap(lane, deadline - playback.starving_since)
                playback.starving_since = None
            playback.started = True
            return packet
        if source.done:
            if not playback.end_reported:
                self._report_end(lane, playback, notes)
            following = playback.next
            lane.current = following
            if following is None:
                return None
            return self._next_packet(lane, following, deadline, notes)
        if playback.started or playback.continues:
            self.timing.totals.missing += 1
        if (playback.started or playback.continues) and playback.starving_since is None:
            playback.starving_since = deadline  # FFmpeg is behind (a slow server): a gap the listener hears
        return None

    def _report_end(self, lane: Lane, playback: Playback, notes: list[Note]) -> None:
        playback.end_reported = True
        notes.append(partial(self._hooks.ended, lane, playback, playback.source.reason))

    def _line_up(self, lane: Lane, playback: Playback, deadline: float, notes: list[Note]) -> None:
        """Hand over to the same song at the new volume once its packet for the current position is ready."""
        incoming = playback.incoming
        assert incoming is not None
        packets = incoming.packets
        if playback.request.duration is None:
            incoming.base = playback.position  # a live stream cannot seek: take it from wherever it is
            lined_up = True
        else:
            wanted = round((playback.position - incoming.base) / (FRAME * incoming.tempo))
            while incoming.taken < wanted and packets:
                packets.popleft()  # already heard from the old FFmpeg
                incoming.taken += 1
            if incoming.hungry and len(packets) < LOW_WATER:
                notes.append(incoming.wake)
            lined_up = incoming.taken >= wanted
        if lined_up and (len(packets) >= SWITCH_CUSHION or (incoming.done and packets)):
            old, playback.source, playback.incoming = playback.source, incoming, None
            lane.stats.switches += 1
            if playback.switch_asked_at is not None:
                lane.stats.last_switch_delay = time.perf_counter() - playback.switch_asked_at
            notes.append(partial(self._hooks.retire, old))
        elif (incoming.done and not incoming.packets) or (
            playback.switch_asked_at is not None and time.perf_counter() - playback.switch_asked_at > SWITCH_TIMEOUT
        ):
            log.warning("a volume change in guild %s was dropped: %s", lane.guild_id, incoming.reason or "too slow")
            playback.incoming = None
            notes.append(partial(self._hooks.retire, incoming))

    def _send(self, lane: Lane, data: bytes, deadline: float | None) -> None:
        stats = lane.stats
        try:
            # encode=False: FFmpeg made the Opus. discord.py numbers the packet (sequence, timestamp),
            # encrypts it for DAVE when a DAVE session is ready, seals it for the transport and sends it
            # on a non-blocking UDP socket (a full socket buffer drops the packet, it never blocks).
            lane.connection.send_audio_packet(data, encode=False)
        except Exception:
            stats.send_errors += 1
            if stats.send_errors <= 3:
                log.warning("a voice packet for guild %s could not be sent", lane.guild_id, exc_info=True)
            return
        if deadline is None:
            stats.silence += 1
            return
        timing, now = self.timing, self._clock()
        stats.packets += 1
        timing.totals.sent += 1
        lateness = now - deadline
        if lateness > LATE:
            stats.late += 1
            timing.totals.late += 1
        stats.max_lateness = max(stats.max_lateness, lateness)
        timing.late_by.observe(lateness)
        if lane.last_audio is not None:
            interval = now - lane.last_audio
            stats.longest_interval = max(stats.longest_interval, interval)
            timing.intervals.observe(interval)
        lane.last_audio = now

    @staticmethod
    def _count_gap(lane: Lane, gap: float) -> None:
        stats = lane.stats
        stats.gaps += 1
        stats.gap_time += gap
        stats.longest_gap = max(stats.longest_gap, gap)
