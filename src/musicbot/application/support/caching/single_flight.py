"""`SingleFlight`: concurrent calls for the same key share one execution of the work."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Flight(Generic[V]):
    __slots__ = ("task", "waiters")

    def __init__(self, task: asyncio.Task[V]) -> None:
        self.task = task
        self.waiters = 0


class SingleFlight(Generic[K, V]):
    """The first caller for a key starts the work in a task; later callers for that key wait on the same task.

    Every waiter gets the result or the exception. A waiter that is cancelled leaves the work running for the
    others; when the last waiter is cancelled the work is cancelled too. Nothing is kept once a flight lands.
    The task copies the first caller's context (contextvars: log fields stay the first caller's).
    """

    def __init__(self) -> None:
        self._flights: dict[K, _Flight[V]] = {}
        self.started = 0
        self.coalesced = 0

    def __len__(self) -> int:
        return len(self._flights)

    def in_flight(self, key: K) -> bool:
        return key in self._flights

    async def run(self, key: K, factory: Callable[[], Awaitable[V]]) -> V:
        flight = self._flights.get(key)
        if flight is None:
            flight = self._start(key, factory)
        else:
            self.coalesced += 1
        flight.waiters += 1
        try:
            # The shield keeps this waiter's cancellation from reaching the shared task.
            return await asyncio.shield(flight.task)
        except asyncio.CancelledError:
            flight.waiters -= 1
            if flight.waiters == 0 and not flight.task.done():
                self._forget(key, flight)  # a caller arriving now starts afresh instead of joining a cancelled task
                flight.task.cancel()
            raise
        finally:
            if flight.task.done():
                self._forget(key, flight)

    def _start(self, key: K, factory: Callable[[], Awaitable[V]]) -> _Flight[V]:
        async def work() -> V:
            return await factory()

        flight: _Flight[V] = _Flight(asyncio.create_task(work()))
        self._flights[key] = flight
        self.started += 1
        flight.task.add_done_callback(lambda task: self._landed(key, flight))
        return flight

    def _landed(self, key: K, flight: _Flight[V]) -> None:
        self._forget(key, flight)
        if not flight.task.cancelled():
            flight.task.exception()  # retrieved: a failure nobody waits for any more is not logged as lost

    def _forget(self, key: K, flight: _Flight[V]) -> None:
        if self._flights.get(key) is flight:
            del self._flights[key]
