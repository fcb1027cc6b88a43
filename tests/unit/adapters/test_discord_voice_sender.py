"""The shared sender's tick, slot by slot, with sources filled by hand: no FFmpeg, no clock, no event loop."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest

from musicbot.adapters.discord_voice.lane import Lane, Playback
from musicbot.adapters.discord_voice.sender import PHASES, SILENCE, SWITCH_CUSHION, TAIL, TICK, PacketSender
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import GuildId


class Connection:
    def __init__(self) -> None:
        self.connected = True
        self.sent: list[bytes] = []
        self.fail = False
        self.ws = None

    def is_connected(self) -> bool:
        return self.connected

    def send_audio_packet(self, data: bytes, *, encode: bool = True) -> None:
        if self.fail:
            raise OSError("socket closed")
        self.sent.append(data)


@dataclass
class Hooks:
    calls: list[tuple[str, object]] = field(default_factory=list)

    def ended(self, lane: Lane, playback: Playback, reason: str | None) -> None:
        self.calls.append(("ended", reason))

    def lost(self, lane: Lane, playback: Playback) -> None:
        self.calls.append(("lost", playback))

    def idle(self, lane: Lane) -> None:
        self.calls.append(("idle", lane.guild_id))

    def reconnected(self, lane: Lane) -> None:
        self.calls.append(("reconnected", lane.guild_id))

    def retire(self, source: OpusSource) -> None:
        self.calls.append(("retire", source))


async def no_end(reason: str | None, /, *, position: float | None = None, stalled: bool = False) -> None:
    raise AssertionError("the sender never calls on_end itself")


def source(
    packets: int, *, done: bool = True, base: float = 0.0, label: str = "p", reason: str | None = None
) -> OpusSource:
    made = OpusSource("ffmpeg", PlaybackRequest(stream_url="/a.mp3"), volume=1.0, start_at=base, copy=False)
    made.packets.extend(f"{label}{index}".encode() for index in range(packets))
    made.done, made.reason = done, reason
    return made


def playback(made: OpusSource, duration: float | None = 60.0) -> Playback:
    return Playback(request=PlaybackRequest(stream_url="/a.mp3", duration=duration), on_end=no_end, source=made)


class Rig:
    def __init__(self, *, reconnect_timeout: float = 1.0) -> None:
        self.hooks = Hooks()
        self.sender = PacketSender(self.hooks, reconnect_timeout=reconnect_timeout)
        self.connection = Connection()
        self.lane = Lane(GuildId(1), self.connection)
        self.sender.add(self.lane)
        self.slot = time.perf_counter()

    def tick(self, times: int = 1) -> None:
        """`times` slots of 20 ms: every phase once each (the lanes are in some phase)."""
        for _ in range(times * PHASES):
            notes, _ = self.sender.tick(self.slot)
            for note in notes:
                note()
            self.slot += TICK

    def names(self) -> list[str]:
        return [name for name, _ in self.hooks.calls]


def test_one_packet_a_slot_then_the_end_with_the_tail_then_five_silences() -> None:
    rig = Rig()
    rig.lane.current = playback(source(TAIL + 3, done=True, reason=None))
    rig.tick(3)
    assert rig.connection.sent == [b"p0", b"p1", b"p2"]
    assert rig.hooks.calls == [("ended", None)]  # TAIL packets left: the owner hears of the end now
    rig.tick(TAIL + 5)
    assert rig.connection.sent[3:] == [f"p{index}".encode() for index in range(3, TAIL + 3)] + [SILENCE] * 5
    assert rig.names() == ["ended", "idle"]
    assert rig.lane.current is None
    rig.tick(3)
    assert len(rig.connection.sent) == TAIL + 8  # nothing more


def test_a_source_still_running_is_not_ended_and_a_wait_after_its_first_packet_is_a_gap() -> None:
    rig = Rig()
    made = source(1, done=False)
    rig.lane.current = playback(made)
    rig.tick(4)  # one packet, then three slots with nothing ready
    assert rig.connection.sent == [b"p0", *[SILENCE] * 3]
    made.packets.append(b"late")
    rig.tick()
    stats = rig.lane.stats
    assert (stats.gaps, stats.gap_time) == (1, pytest.approx(0.06))
    assert rig.hooks.calls == []
    # The totals every guild adds to (/metrics, Lavalink's frame statistics): 2 sent, 3 slots missing.
    totals = rig.sender.timing.totals
    assert (totals.sent, totals.missing, totals.late) == (2, 3, 0)


def test_a_play_that_came_during_the_tail_follows_in_the_next_slot() -> None:
    rig = Rig()
    first = playback(source(TAIL + 1, label="a"))
    rig.lane.current = first
    rig.tick()
    first.next = playback(source(3, label="b"))  # what play() does once the end was reported
    first.next.continues = True
    rig.tick(TAIL + 3)
    assert rig.connection.sent == [b"a0", b"a1", b"a2", b"a3", b"a4", b"a5", b"b0", b"b1", b"b2"]
    assert rig.lane.current is first.next
    assert rig.lane.stats.gaps == 0


def test_paused_sends_five_silences_then_nothing_and_keeps_its_place() -> None:
    rig = Rig()
    rig.lane.current = current = playback(source(50, done=False))
    rig.tick(2)
    rig.lane.paused = True
    rig.tick(10)
    assert rig.connection.sent == [b"p0", b"p1", *[SILENCE] * 5]
    assert current.position == pytest.approx(0.04)
    rig.lane.paused = False
    rig.tick()
    assert rig.connection.sent[-1] == b"p2"
    assert rig.names() == []  # a pause is not an end, and not idle


def test_offline_sends_nothing_and_a_long_drop_is_reported_once() -> None:
    rig = Rig(reconnect_timeout=0.1)
    rig.lane.current = current = playback(source(50, done=False))
    rig.tick()
    rig.connection.connected = False
    rig.tick(3)
    assert rig.connection.sent == [b"p0"]
    assert current.position == pytest.approx(0.02)
    rig.connection.connected = True
    rig.tick()
    assert rig.connection.sent == [b"p0", b"p1"]
    assert rig.names() == ["reconnected"]
    rig.connection.connected = False
    rig.tick(10)
    assert rig.hooks.calls[1:] == [("lost", current)]


def test_a_volume_switch_lines_up_on_the_same_position_and_retires_the_old_source() -> None:
    rig = Rig()
    old = source(40, done=False, label="old")
    rig.lane.current = current = playback(old)
    rig.tick(10)  # position 0.20 s
    new = source(0, done=False, base=0.16, label="new")  # started 2 packets early, as the engine does
    current.incoming = new
    rig.tick(2)  # the new FFmpeg has nothing yet: the old one goes on
    assert rig.connection.sent[-2:] == [b"old10", b"old11"]
    new.packets.extend(f"new{index}".encode() for index in range(10))  # new0 starts at 0.16 s
    rig.tick(2)
    assert rig.connection.sent[-2:] == [b"new4", b"new5"]  # 0.24 s, then 0.26 s: nothing skipped or repeated
    assert current.source is new
    assert current.position == pytest.approx(0.28)
    assert rig.hooks.calls == [("retire", old)]
    assert rig.lane.stats.switches == 1


def test_a_switch_waits_until_the_new_ffmpeg_holds_a_cushion_of_packets() -> None:
    """With a single packet the next slot could find it empty (a just-started FFmpeg on a loaded machine)."""
    rig = Rig()
    rig.lane.current = current = playback(source(40, done=False, label="old"))
    rig.tick(10)  # position 0.20 s
    current.incoming = new = source(0, done=False, base=0.20, label="new")
    new.packets.extend(f"new{index}".encode() for index in range(SWITCH_CUSHION - 1))  # from 0.20 s
    rig.tick()  # lined up, but short of the cushion: 0.20 s from the old one
    assert current.source is not new
    new.packets.extend(f"new{index}".encode() for index in range(SWITCH_CUSHION - 1, SWITCH_CUSHION + 1))
    rig.tick()  # 0.20 s dropped (heard), 0.22 s to 0.26 s held: the new one from 0.22 s
    assert current.source is new
    assert rig.connection.sent[-2:] == [b"old10", b"new1"]  # nothing skipped or repeated
    assert rig.lane.stats.gaps == 0


def test_a_finished_new_ffmpeg_with_fewer_packets_than_the_cushion_still_takes_over() -> None:
    rig = Rig()
    rig.lane.current = current = playback(source(40, done=False, label="old"))
    current.incoming = new = source(1, done=True, label="new")
    rig.tick()
    assert current.source is new
    assert rig.connection.sent == [b"new0"]


def test_a_switch_whose_ffmpeg_failed_is_dropped() -> None:
    rig = Rig()
    rig.lane.current = current = playback(source(40, done=False))
    current.incoming = broken = source(0, done=True, reason="403 Forbidden")
    rig.tick()
    assert current.incoming is None
    assert rig.hooks.calls == [("retire", broken)]
    assert rig.connection.sent == [b"p0"]


def test_late_slots_and_send_errors_are_counted_and_one_lane_does_not_stop_the_others() -> None:
    rig = Rig()
    other = Lane(GuildId(2), Connection())
    rig.sender.add(other)
    rig.lane.current = playback(source(10, done=False))
    other.current = playback(source(10, done=False))
    rig.connection.fail = True
    for _ in range(PHASES):
        rig.sender.tick(time.perf_counter() - 0.015)  # every tick 15 ms overdue
    assert rig.lane.stats.send_errors == 1
    assert other.connection.sent == [b"p0"]  # type: ignore[attr-defined]
    assert (other.stats.late, other.stats.max_lateness) == (1, pytest.approx(0.015, abs=0.003))
    assert rig.sender.timing.late_by.quantile(0.5) == pytest.approx(0.015, abs=0.003)
    rig.sender.remove(other)
    assert rig.sender.lanes == (rig.lane,)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_interval_between_a_guilds_audio_packets_is_timed_at_the_sender_pauses_and_stops_aside() -> None:
    rig = Rig()
    clock = Clock()
    rig.sender = PacketSender(rig.hooks, reconnect_timeout=1.0, clock=clock)
    rig.sender.add(rig.lane)
    made = source(20, done=False)
    rig.lane.current = playback(made)

    def slots(*spacing: float) -> None:
        for seconds in spacing:
            clock.now += seconds
            rig.tick()

    slots(0.0, 0.020, 0.020, 0.070, 0.020)  # the sender's thread held up 50 ms once: a gap it made
    intervals, stats = rig.sender.timing.intervals, rig.lane.stats
    assert intervals.count == 4  # the first packet follows nothing
    assert stats.longest_interval == pytest.approx(0.070)
    assert intervals.cumulative([0.021, 0.05]) == [(0.021, 3), (0.05, 3), (float("inf"), 4)]
    assert intervals.total == pytest.approx(0.130)

    rig.lane.paused = True
    slots(0.020, 0.5)  # paused for half a second: a wanted silence, not a gap
    rig.lane.paused = False
    slots(0.020, 0.020)
    assert intervals.count == 5 and stats.longest_interval == pytest.approx(0.070)

    made.packets.clear()
    slots(0.020, 0.020, 0.020)  # the stream has nothing ready (FFmpeg behind): the listener hears a gap
    made.packets.append(b"back")
    slots(0.020)
    assert stats.longest_interval == pytest.approx(0.080)
    assert intervals.cumulative([0.05])[0] == (0.05, 4)  # two of six of 50 ms or more

    rig.lane.current = None
    slots(0.020, 0.5)  # stopped: the next song's first packet follows nothing
    rig.lane.current = playback(source(3, done=False))
    slots(0.020)
    assert intervals.count == 6
