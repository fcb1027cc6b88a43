"""`SourceGuard`: every call to a source goes through its circuit breaker, and transient failures are retried."""

from __future__ import annotations

import asyncio
import logging
import random as _random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.circuit_breaker import CircuitBreakers
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.application.support.resilience.retry import RetryPolicy, Sleep
from musicbot.application.support.resilience.settings import ResilienceSettings

T = TypeVar("T")

log = logging.getLogger(__name__)


class SourceGuard:
    """Retry outside, breaker inside: each attempt asks the breaker, so a source that goes down during the
    retries stops being called at once, and every failed attempt counts against it. A rejection by the
    breaker is not retried. Shared by everything that calls the same sources (resolve, search, listing).
    """

    def __init__(self, *, breakers: CircuitBreakers, retry: RetryPolicy) -> None:
        self.breakers = breakers
        self.retry = retry
        self.retries = 0
        self.rejections = 0

    @classmethod
    def from_settings(
        cls,
        settings: ResilienceSettings,
        *,
        clock: Clock,
        sleep: Sleep = asyncio.sleep,
        random: Callable[[], float] = _random.random,
    ) -> SourceGuard:
        breakers = CircuitBreakers(
            failure_threshold=settings.breaker_failure_threshold,
            reset_after=settings.breaker_reset_after,
            clock=clock,
            max_sources=settings.breaker_max_sources,
        )
        retry = RetryPolicy(
            max_attempts=settings.retry_attempts,
            base_delay=settings.retry_base_delay,
            max_delay=settings.retry_max_delay,
            sleep=sleep,
            random=random,
        )
        return cls(breakers=breakers, retry=retry)

    async def call(self, source: str, operation: Callable[[], Awaitable[T]]) -> T:
        """`operation`'s result, retried while transient; `SourceUnavailable` when `source`'s breaker is open."""
        breaker = self.breakers.get(source)

        async def attempt() -> T:
            return await breaker.call(operation)

        def retrying(attempt: int, error: Exception, delay: float) -> None:
            self.retries += 1
            log.info("%s failed (attempt %d): %s; retrying in %.2f s", source, attempt, error, delay)

        try:
            return await self.retry.run(attempt, on_retry=retrying)
        except SourceUnavailable:
            self.rejections += 1
            raise
