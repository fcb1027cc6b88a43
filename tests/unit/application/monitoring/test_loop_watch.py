"""The loop watch: a late wake-up is lag; a wake-up overdue right now is lag too (the loop is stalled)."""

from __future__ import annotations

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.application.monitoring.loop_watch import LoopWatch


class Now:
    def __init__(self) -> None:
        self.value = 100.0

    def __call__(self) -> float:
        return self.value


def test_lag_is_how_late_the_last_wake_up_came_or_how_overdue_the_next_one_is() -> None:
    now, metrics = Now(), PrometheusMetrics()
    watch = LoopWatch(metrics, interval=0.25, now=now)
    now.value += 0.25
    watch.beat()
    assert watch.lag() == 0.0

    now.value += 0.25 + 1.5  # the loop was stalled 1.5 s before this wake-up
    watch.beat()
    assert abs(watch.lag() - 1.5) < 1e-9
    now.value += 0.25
    watch.beat()
    assert watch.lag() == 0.0

    now.value += 3.0  # no wake-up at all: stalled now
    assert abs(watch.lag() - 2.75) < 1e-9
    [lag] = [s for s in metrics.latencies() if s.name == "event loop lag"]
    assert lag.count == 3
