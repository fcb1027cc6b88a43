"""Waiting for the emulated Discord to reach a state: every change wakes the waiters, who re-check."""

# Waits take `timeout=` so that a failure says what never happened ("timed out waiting for the final reply
# to /play"), which a bare asyncio.timeout() around the call cannot.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Notifier:
    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def changed(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(
        self, probe: Callable[[], T | None], *, timeout: float, what: str, poll: float | None = None
    ) -> T:
        """The first non-None `probe()` result, re-checked on every change (and every `poll` seconds if given,
        for state that changes off the event loop, such as received voice packets)."""
        deadline = time.monotonic() + timeout
        while True:
            result = probe()
            if result is not None:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(waiter, min(remaining, poll) if poll else remaining)
            except TimeoutError:
                pass
            finally:
                self._waiters.discard(waiter)
