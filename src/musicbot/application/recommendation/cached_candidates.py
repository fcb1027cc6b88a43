"""`CachedCandidates`: a candidate source in front of another, remembering its answers for a while.

In front of search (the costly source) it keys on the intent alone, so every guild asking the same thing shares
the answer; `per_audience=True` keys on the guild and listeners too, for sources whose answer depends on them.
Concurrent misses for one key share one call. An empty answer is not kept: the source may be back in a moment.
"""

from __future__ import annotations

from collections.abc import Hashable

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate, CandidateSource
from musicbot.application.support.caching.single_flight import SingleFlight
from musicbot.application.support.caching.ttl_cache import CacheStats, TtlLruCache
from musicbot.application.support.clock import Clock


class CachedCandidates:
    def __init__(
        self,
        inner: CandidateSource,
        *,
        clock: Clock,
        max_size: int,
        ttl: float,
        per_audience: bool = False,
    ) -> None:
        self.name = inner.name
        self._inner = inner
        self._per_audience = per_audience
        self._cache: TtlLruCache[Hashable, tuple[Candidate, ...]] = TtlLruCache(max_size=max_size, ttl=ttl, clock=clock)
        self._flights: SingleFlight[Hashable, tuple[Candidate, ...]] = SingleFlight()

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        key = (intent, limit, audience if self._per_audience else None)
        cached = self._cache.get(key)
        if cached is not None:
            return list(cached)

        async def fetch() -> tuple[Candidate, ...]:
            found = tuple(await self._inner.candidates(intent, limit=limit, audience=audience))
            if found:
                self._cache.put(key, found)
            return found

        return list(await self._flights.run(key, fetch))

    @property
    def coalesced(self) -> int:
        return self._flights.coalesced

    def stats(self) -> CacheStats:
        return self._cache.stats()
