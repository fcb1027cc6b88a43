"""How on time the shared sender is, from its own side: what /metrics and the benchmarks read.

A listener hears a gap when two audio packets of its guild arrive more than 20 ms apart. Where it was made
is the question under load: the bot (the sender thread late, or a stream with no packet ready) or the network
and the receiver (on a shared machine, the receiving process itself descheduled). The sender records, per
audio packet, how late it left after its slot and how long after the same guild's previous audio packet:
a receiver's gap of 80 ms while the sender's intervals all stayed under 30 ms was not made by the bot.

Written by the sender's thread, read at scrape time on the event loop: plain integer increments, which the
GIL keeps whole; a scrape may see one packet counted in one figure and not yet in another, never a torn count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_STEPS = 4000  # buckets of 0.25 ms up to 1 s; the last one holds everything from 1 s on


class SecondsHistogram:
    """Durations in 0.25 ms steps up to 1 s: one multiplication per packet on the sender's thread, any
    bucket bounds at scrape time."""

    __slots__ = ("counts", "total")

    def __init__(self) -> None:
        self.counts = [0] * (_STEPS + 1)
        self.total = 0.0  # seconds, all observations together

    def observe(self, seconds: float) -> None:
        self.counts[min(max(int(seconds * _STEPS), 0), _STEPS)] += 1
        self.total += seconds

    @property
    def count(self) -> int:
        return sum(self.counts)

    def quantile(self, q: float) -> float:
        """Seconds (0.25 ms steps): the `q` (0-1) quantile of everything observed; 0 before anything was."""
        counts = list(self.counts)
        rank, seen = q * sum(counts), 0
        for step, count in enumerate(counts):
            seen += count
            if count and seen >= rank:
                return step / _STEPS
        return 0.0

    def cumulative(self, bounds: Sequence[float]) -> list[tuple[float, int]]:
        """(bound, observations shorter than it) for each of `bounds` (ascending, ≤ 1 s), then (inf, all):
        a Prometheus histogram's buckets."""
        counts = list(self.counts)
        found, seen, step = [], 0, 0
        for bound in bounds:
            end = min(round(bound * _STEPS), _STEPS)
            seen += sum(counts[step:end])
            step = max(step, end)
            found.append((bound, seen))
        found.append((float("inf"), seen + sum(counts[step:])))
        return found


@dataclass(slots=True)
class SenderTotals:
    """Every guild together since start, never reset (Prometheus counters; Lavalink's frame statistics): per
    playing guild 3,000 slots a minute, each either `sent`, or `missing` (the stream had no packet ready)."""

    sent: int = 0  # audio packets sent
    late: int = 0  # of those, sent more than `LATE` after their slot
    missing: int = 0  # slots of a playing stream with no packet ready (after its first packet): a gap heard


class SendTiming:
    """The sender's own figures: totals, lateness after the slot, intervals between a guild's audio packets."""

    __slots__ = ("intervals", "late_by", "skipped_slots", "ticks", "totals")

    def __init__(self) -> None:
        self.totals = SenderTotals()
        self.late_by = SecondsHistogram()  # each audio packet: how long after its slot it left
        # Each audio packet after the guild's previous one, while a song plays (not across a pause, a
        # reconnection or a stop): what the listener's receiver sees as the packets' spacing, at the source.
        self.intervals = SecondsHistogram()
        self.ticks = 0
        self.skipped_slots = 0  # slots written off after a stall longer than MAX_DEBT (drivers.py)
