"""`PrometheusMetrics`: the `Metrics` and `MetricsReader` ports over prometheus-client.

Each instance has its own `CollectorRegistry` (the bot's, the console's, a test's), with prometheus-client's
process collector (CPU seconds, resident memory, open descriptors) and the figures sampled at scrape time.
"""

from __future__ import annotations

import math

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from musicbot.adapters.prometheus.sampled import Sampled, SampledCollector, SampledHistogram
from musicbot.application.monitoring.metrics import LatencySummary, Outcome

CONTENT_TYPE = CONTENT_TYPE_LATEST
# No `*_created` series (one more per counter and histogram child, which no dashboard reads): the exposition,
# rendered on the event loop, is a fifth smaller and faster (bench/operations.py).
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus-client leaves it unannotated
_FAST = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)
_SLOW = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_LAG = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class PrometheusMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        self._sampled = SampledCollector()
        self.registry.register(self._sampled)
        r = self.registry
        self._interactions = Counter(
            "musicbot_interactions", "Commands (slash, buttons, console) by name and outcome", ["command", "outcome"],
            registry=r,
        )  # fmt: skip
        self._ack = Histogram(
            "musicbot_interaction_ack_seconds", "Receipt of an interaction to its first answer", buckets=_FAST,
            registry=r,
        )  # fmt: skip
        self._duration = Histogram(
            "musicbot_command_duration_seconds", "A command from receipt to its end", ["command"], buckets=_SLOW,
            registry=r,
        )  # fmt: skip
        self._first_audio = Histogram(
            "musicbot_play_first_audio_seconds", "A play request to its first audio ready to send", buckets=_FAST,
            registry=r,
        )  # fmt: skip
        self._resolution = Histogram(
            "musicbot_resolution_seconds", "Resolutions by yt-dlp (cache misses) by source", ["source"], buckets=_SLOW,
            registry=r,
        )  # fmt: skip
        self._resolution_failures = Counter(
            "musicbot_resolution_failures", "Resolutions that failed, by source", ["source"], registry=r
        )
        self._player_events = Counter(
            "musicbot_player_events", "What the guild players recorded, by event", ["event"], registry=r
        )
        self._lag = Histogram(
            "musicbot_event_loop_lag_seconds", "How late the event loop's periodic wake-ups came", buckets=_LAG,
            registry=r,
        )  # fmt: skip
        self._timings = {
            "interaction acknowledgement": self._ack,
            "command duration": self._duration,
            "play to first audio": self._first_audio,
            "resolution": self._resolution,
            "event loop lag": self._lag,
        }

    # --- Metrics -------------------------------------------------------------------------------------
    def interaction_acknowledged(self, seconds: float) -> None:
        self._ack.observe(seconds)

    def command_finished(self, command: str, outcome: Outcome, seconds: float) -> None:
        self._interactions.labels(command, outcome.value).inc()
        self._duration.labels(command).observe(seconds)

    def resolution_finished(self, source: str, *, ok: bool, seconds: float) -> None:
        self._resolution.labels(source).observe(seconds)
        if not ok:
            self._resolution_failures.labels(source).inc()

    def first_audio(self, seconds: float) -> None:
        self._first_audio.observe(seconds)

    def loop_lag(self, seconds: float) -> None:
        self._lag.observe(seconds)

    def player_event(self, event: str) -> None:
        self._player_events.labels(event).inc()

    # --- figures read at scrape time -----------------------------------------------------------------
    def sample(self, family: Sampled | SampledHistogram) -> None:
        self._sampled.add(family)

    # --- reading -------------------------------------------------------------------------------------
    def exposition(self) -> bytes:
        """The Prometheus text format (`CONTENT_TYPE`)."""
        return generate_latest(self.registry)

    def latencies(self) -> list[LatencySummary]:
        return [_summary(name, histogram) for name, histogram in self._timings.items()]

    def counters(self) -> dict[str, float]:
        totals: dict[str, float] = {"commands": 0.0}
        for metric in self._interactions.collect():
            for sample in metric.samples:
                if sample.name.endswith("_total"):
                    totals["commands"] += sample.value
                    key = f"commands {sample.labels['outcome'].replace('_', ' ')}"
                    totals[key] = totals.get(key, 0.0) + sample.value
        totals["resolutions failed"] = _total(self._resolution_failures)
        return totals


def _total(counter: Counter) -> float:
    return sum(s.value for m in counter.collect() for s in m.samples if s.name.endswith("_total"))


def _summary(name: str, histogram: Histogram) -> LatencySummary:
    """Bucket counts summed over every label, then quantiles interpolated within a bucket (as Prometheus's
    `histogram_quantile` does): exact to the bucket's width."""
    buckets: dict[float, float] = {}
    for metric in histogram.collect():
        for sample in metric.samples:
            if sample.name.endswith("_bucket"):
                bound = float(sample.labels["le"])
                buckets[bound] = buckets.get(bound, 0.0) + sample.value
    bounds = sorted(buckets)
    count = int(buckets.get(math.inf, 0.0))

    def quantile(q: float) -> float:
        if not count:
            return 0.0
        rank, lower, below = q * count, 0.0, 0.0
        for bound in bounds:
            cumulative = buckets[bound]
            if cumulative >= rank:
                if math.isinf(bound):
                    return lower  # beyond the last bucket: its lower edge is all that is known
                inside = cumulative - below
                return lower + (bound - lower) * ((rank - below) / inside if inside else 0.0)
            lower, below = bound, cumulative
        return lower

    return LatencySummary(name=name, count=count, p50=quantile(0.5), p95=quantile(0.95), p99=quantile(0.99))
