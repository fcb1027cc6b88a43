"""`RetryPolicy`: try a flaky operation again, waiting longer each time, with jitter so callers spread out."""

from __future__ import annotations

import asyncio
import random as _random
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from musicbot.application.support.resilience.errors import is_transient as _is_transient

T = TypeVar("T")

Jitter = Literal["full", "equal", "none"]
Sleep = Callable[[float], Awaitable[object]]
# Told before each wait: the attempt that failed (1-based), its error, and the seconds about to be waited.
OnRetry = Callable[[int, Exception, float], None]


class RetryPolicy:
    """At most `max_attempts` tries; before try n+1 it waits about `base_delay * multiplier**(n-1)`, capped.

    Jitter (as in "Exponential Backoff and Jitter", AWS architecture blog): "full" waits a uniform time in
    [0, cap], "equal" in [cap/2, cap], "none" exactly cap. `sleep` and `random` (uniform in [0, 1)) are
    injectable so tests neither wait nor guess.
    """

    def __init__(
        self,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        max_delay: float = 5.0,
        multiplier: float = 2.0,
        jitter: Jitter = "full",
        *,
        sleep: Sleep = asyncio.sleep,
        random: Callable[[], float] = _random.random,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"at least one attempt, not {max_attempts}")
        if base_delay < 0 or max_delay < base_delay:
            raise ValueError(f"delays must satisfy 0 <= base_delay <= max_delay ({base_delay}, {max_delay})")
        if multiplier < 1:
            raise ValueError(f"the multiplier must be at least 1, not {multiplier}")
        if jitter not in ("full", "equal", "none"):
            raise ValueError(f"unknown jitter {jitter!r}")
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.multiplier = multiplier
        self.jitter: Jitter = jitter
        self._sleep = sleep
        self._random = random

    def backoff(self, retry: int) -> float:
        """The cap (before jitter) of the wait before retry number `retry` (1-based)."""
        if retry < 1:
            raise ValueError(f"retries count from 1, not {retry}")
        # min() on the exponent first: multiplier**retry overflows a float long before retry is large.
        exponent = min(retry - 1, 1024)
        try:
            return min(self.max_delay, self.base_delay * self.multiplier**exponent)
        except OverflowError:
            return self.max_delay

    def delay(self, retry: int) -> float:
        """The jittered wait before retry number `retry` (1-based)."""
        return self._jittered(self.backoff(retry))

    def delays(self) -> list[float]:
        """The waits between the attempts (max_attempts - 1 of them), jittered afresh on each call."""
        return [self.delay(retry) for retry in range(1, self.max_attempts)]

    async def run(
        self,
        operation: Callable[[], Awaitable[T]],
        *,
        is_transient: Callable[[Exception], bool] = _is_transient,
        on_retry: OnRetry | None = None,
    ) -> T:
        """The operation's result; its error at once when not transient, else the last one's."""
        for attempt, delay in enumerate(self.delays(), start=1):
            try:
                return await operation()
            except Exception as error:
                if not is_transient(error):
                    raise
                if on_retry is not None:
                    on_retry(attempt, error, delay)
            await self._sleep(delay)
        return await operation()

    def _jittered(self, cap: float) -> float:
        if self.jitter == "full":
            return cap * self._random()
        if self.jitter == "equal":
            return cap / 2 + cap / 2 * self._random()
        return cap
