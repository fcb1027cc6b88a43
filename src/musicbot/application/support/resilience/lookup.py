"""`GuardedLookup`: answers by key from a cache, else once per key at a time through a `SourceGuard`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, NoReturn, TypeVar

from musicbot.application.errors import TrackUnavailable
from musicbot.application.support.caching.single_flight import SingleFlight
from musicbot.application.support.caching.ttl_cache import CacheStats, TtlLruCache
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.guard import SourceGuard

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class CachedFailure:
    """A failure that will not pass by trying again, answered from the cache until its entry expires."""

    error: TrackUnavailable

    def raise_again(self) -> NoReturn:
        raise self.error.with_traceback(None)  # the same error; its old traceback would only grow


@dataclass(frozen=True, slots=True)
class _Value(Generic[V]):
    value: V  # boxed: None is a value worth keeping ("not a playlist"), and the cache uses None for "absent"


class GuardedLookup(Generic[K, V]):
    """Values live `ttl` seconds; non-transient failures `negative_ttl` seconds (0: not remembered)."""

    def __init__(self, *, guard: SourceGuard, clock: Clock, max_size: int, ttl: float, negative_ttl: float) -> None:
        self._guard = guard
        self._negative_ttl = negative_ttl
        self._cache: TtlLruCache[K, _Value[V] | CachedFailure] = TtlLruCache(max_size=max_size, ttl=ttl, clock=clock)
        self._flights: SingleFlight[K, V] = SingleFlight()

    @property
    def coalesced(self) -> int:
        return self._flights.coalesced

    def stats(self) -> CacheStats:
        return self._cache.stats()

    def invalidate(self, key: K) -> None:
        self._cache.invalidate(key)

    async def get(self, key: K, source: str, fetch: Callable[[], Awaitable[V]]) -> V:
        answer = self._cache.get(key)
        if isinstance(answer, CachedFailure):
            answer.raise_again()
        if isinstance(answer, _Value):
            return answer.value
        return await self._flights.run(key, lambda: self._fetch(key, source, fetch))

    async def _fetch(self, key: K, source: str, fetch: Callable[[], Awaitable[V]]) -> V:
        try:
            value = await self._guard.call(source, fetch)
        except TrackUnavailable as error:
            if not error.transient and self._negative_ttl > 0:
                self._cache.put(key, CachedFailure(error), ttl=self._negative_ttl)
            raise
        self._cache.put(key, _Value(value))
        return value
