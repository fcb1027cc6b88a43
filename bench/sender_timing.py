"""The bot's own side of its audio timing, from two scrapes of its /metrics: what the sender did in between.

A receiver's gap (the emulator stamps each packet's arrival) may be the bot's or the receiver's: on a shared
machine the receiving process is descheduled too. The bot's voice sender publishes, per audio packet, how late
it left after its slot (`musicbot_voice_packet_lateness_seconds`) and how long after the same server's
previous audio packet (`musicbot_voice_send_interval_seconds`, pauses aside): when every interval the sender
made stayed under 50 ms, a receiver's gap of 50 ms or more was not made by the bot. Used by
`bench/play_burst.py`; any bench that scrapes a `musicbot run` can use it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families

INTERVAL = "musicbot_voice_send_interval_seconds"
LATENESS = "musicbot_voice_packet_lateness_seconds"
SKIPPED = "musicbot_voice_slots_skipped"
ACK = "musicbot_interaction_ack_seconds"  # the bot's own: from taking an interaction to its first answer
GAP = 0.05  # a gap listeners notice


def read(text: str) -> dict[str, dict[float, float]]:
    """Each histogram's cumulative buckets ({upper bound: observations up to it}); counters as {inf: value}."""
    found: dict[str, dict[float, float]] = {}
    for family in text_string_to_metric_families(text):
        if family.name in (INTERVAL, LATENESS, ACK):
            found[family.name] = {float(s.labels["le"]): s.value for s in family.samples if s.name.endswith("_bucket")}
        elif family.name == SKIPPED:
            found[SKIPPED] = {math.inf: sum(s.value for s in family.samples if s.name.endswith("_total"))}
    return found


@dataclass(frozen=True)
class SenderWindow:
    """What the sender did between two scrapes: cumulative buckets of each histogram, slots written off."""

    intervals: dict[float, float]
    lateness: dict[float, float]
    skipped: float
    acks: dict[float, float]  # not the sender's: the bot's own acknowledgement times, over the same window

    @classmethod
    def between(cls, before: str, after: str) -> SenderWindow:
        first, last = read(before), read(after)

        def diff(name: str) -> dict[float, float]:
            return {bound: count - first.get(name, {}).get(bound, 0.0) for bound, count in last.get(name, {}).items()}

        return cls(diff(INTERVAL), diff(LATENESS), diff(SKIPPED).get(math.inf, 0.0), diff(ACK))

    @property
    def packets(self) -> int:
        return int(self.intervals.get(math.inf, 0.0))

    @property
    def gaps(self) -> int:
        """Intervals of `GAP` or more (the bucket bound is exclusive: a value exactly 50 ms counts as a gap)."""
        return int(self.intervals.get(math.inf, 0.0) - self.intervals.get(GAP, 0.0))

    @staticmethod
    def bound(buckets: dict[float, float], q: float) -> float:
        """The smallest bucket bound holding the `q` quantile: the quantile is below it."""
        total = buckets.get(math.inf, 0.0)
        for bound in sorted(buckets):
            if buckets[bound] >= q * total:
                return bound
        return math.inf

    def ack_summary(self) -> str:
        """The bot's side of the acknowledgements (taken in its command tree's check -> the deferral answered)."""
        count = self.acks.get(math.inf, 0.0)
        return (
            "—"
            if not count
            else f"p50 < {self.bound(self.acks, 0.5) * 1000:g} ms, p99 < {self.bound(self.acks, 0.99) * 1000:g} ms"
        )

    def summary(self) -> str:
        if not self.packets:
            return "—"
        interval, late = self.bound(self.intervals, 0.99), self.bound(self.lateness, 0.99)
        return (
            f"p99 < {interval * 1000:g} ms, {self.gaps} of {self.packets:,} ≥ {GAP * 1000:g} ms; "
            f"late p99 < {late * 1000:g} ms; {self.skipped:.0f} slots skipped"
        )
