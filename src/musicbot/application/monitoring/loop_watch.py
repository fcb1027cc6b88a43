"""`LoopWatch`: how late the event loop answers, measured by a task that asks to be woken every `interval`.

A wake-up that comes late by L seconds means every callback waiting then (a command, a heartbeat, a probe)
waited about as long. /livez reads `lag()`: the last lateness measured, or, when the watch's own wake-up is
overdue (the loop is stalled right now, or just came back), how overdue it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

from musicbot.application.monitoring.metrics import Metrics

INTERVAL = 0.25  # seconds between wake-ups: a stall shows in /livez within this much


class LoopWatch:
    def __init__(
        self, metrics: Metrics, *, interval: float = INTERVAL, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._metrics = metrics
        self._interval = interval
        self._now = now
        self._due = now() + interval
        self._last_lag = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """On the loop to watch; again after `stop` is fine."""
        if self._task is None or self._task.done():
            self._due = self._now() + self._interval
            self._task = asyncio.get_running_loop().create_task(self._run(), name="loop-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def lag(self) -> float:
        """Seconds the loop is (or last was) behind."""
        return max(self._last_lag, self._now() - self._due)

    def beat(self) -> None:
        """One wake-up (the task calls it; tests drive it with a fake `now`)."""
        now = self._now()
        self._last_lag = max(0.0, now - self._due)
        self._metrics.loop_lag(self._last_lag)
        self._due = now + self._interval

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            self.beat()
