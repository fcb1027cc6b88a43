"""Circuit breakers: stop calling a source that keeps failing, and try it again once it had time to recover."""

from __future__ import annotations

import enum
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeVar

from musicbot.application.errors import TrackUnavailable
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.errors import SourceUnavailable, is_transient

T = TypeVar("T")


class BreakerState(enum.StrEnum):
    CLOSED = "closed"  # calls go through; consecutive transient failures are counted
    OPEN = "open"  # calls fail fast until `reset_after` seconds have passed
    HALF_OPEN = "half-open"  # one trial call goes through; its outcome closes or reopens the breaker


class CircuitBreaker:
    """Opens after `failure_threshold` consecutive transient failures of `source`.

    Verdicts: a transient `TrackUnavailable` is a failure; a result or any other `TrackUnavailable` (no
    results, a private video) is a success, since the source answered; anything else (a cancellation, a
    refused query) says nothing about the source.
    """

    def __init__(self, source: str, *, failure_threshold: int, reset_after: float, clock: Clock) -> None:
        if failure_threshold < 1:
            raise ValueError(f"the failure threshold is at least 1, not {failure_threshold}")
        if reset_after <= 0:
            raise ValueError(f"reset_after must be positive, not {reset_after}")
        self.source = source
        self._threshold = failure_threshold
        self._reset_after = timedelta(seconds=reset_after)
        self._clock = clock
        self._failures = 0
        self._opened_at: datetime | None = None
        self._trial_in_flight = False
        self.rejections = 0

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock.now() < self._opened_at + self._reset_after:
            return BreakerState.OPEN
        return BreakerState.HALF_OPEN

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def retry_in(self) -> float:
        """Seconds until a call may go through again (0 when one may now)."""
        if self._opened_at is None:
            return 0.0
        return max(0.0, (self._opened_at + self._reset_after - self._clock.now()).total_seconds())

    def acquire(self) -> None:
        """Let a call through, or raise `SourceUnavailable`. In half-open state, only one trial at a time."""
        state = self.state
        if state is BreakerState.CLOSED:
            return
        if state is BreakerState.HALF_OPEN and not self._trial_in_flight:
            self._trial_in_flight = True
            return
        self.rejections += 1
        # While a trial is out, the next one may go in about as long as the trial may take: say the minimum.
        raise SourceUnavailable(self.source, self.retry_in())

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial_in_flight = False

    def record_failure(self) -> None:
        self._failures += 1
        if self._trial_in_flight or self._failures >= self._threshold:
            self._opened_at = self._clock.now()
        self._trial_in_flight = False

    def release(self) -> None:
        """A call ended with no verdict on the source: a half-open breaker lets another trial through."""
        self._trial_in_flight = False

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        self.acquire()
        try:
            result = await operation()
        except TrackUnavailable as error:
            if is_transient(error):
                self.record_failure()
            else:
                self.record_success()
            raise
        except BaseException:
            self.release()
            raise
        self.record_success()
        return result


class CircuitBreakers:
    """One breaker per source, made on first use; past `max_sources` the least recently used is forgotten."""

    def __init__(self, *, failure_threshold: int, reset_after: float, clock: Clock, max_sources: int = 256) -> None:
        if max_sources < 1:
            raise ValueError(f"at least one source, not {max_sources}")
        if failure_threshold < 1 or reset_after <= 0:
            raise ValueError(f"need failure_threshold >= 1 and reset_after > 0 ({failure_threshold}, {reset_after})")
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._clock = clock
        self._max_sources = max_sources
        self._breakers: OrderedDict[str, CircuitBreaker] = OrderedDict()

    def __len__(self) -> int:
        return len(self._breakers)

    def get(self, source: str) -> CircuitBreaker:
        breaker = self._breakers.get(source)
        if breaker is None:
            breaker = CircuitBreaker(
                source, failure_threshold=self._threshold, reset_after=self._reset_after, clock=self._clock
            )
            self._breakers[source] = breaker
            if len(self._breakers) > self._max_sources:
                self._breakers.popitem(last=False)
        else:
            self._breakers.move_to_end(source)
        return breaker

    def states(self) -> dict[str, BreakerState]:
        """Each known source's state, for health checks and metrics."""
        return {source: breaker.state for source, breaker in self._breakers.items()}

    def not_closed(self) -> list[str]:
        return [source for source, breaker in self._breakers.items() if breaker.state is not BreakerState.CLOSED]
