"""`ResilientTrackSearch`: a `TrackSearch` in front of another, with a cache, shared work and source guards."""

from __future__ import annotations

from musicbot.application.source_ports import TrackSearch
from musicbot.application.support.caching.keys import normalise_query
from musicbot.application.support.caching.ttl_cache import CacheStats
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.lookup import GuardedLookup
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.application.support.resilience.source_keys import source_of_query
from musicbot.domain.track import Track


class ResilientTrackSearch:
    """Candidates are light tracks (no stream), so they keep `search_cache_ttl` seconds whatever streams do."""

    def __init__(self, inner: TrackSearch, *, guard: SourceGuard, clock: Clock, settings: ResilienceSettings) -> None:
        self._inner = inner
        self._search_source = settings.search_source
        self._lookup: GuardedLookup[tuple[str, int], tuple[Track, ...]] = GuardedLookup(
            guard=guard,
            clock=clock,
            max_size=settings.cache_max_entries,
            ttl=settings.search_cache_ttl,
            negative_ttl=settings.cache_negative_ttl,
        )

    async def search(self, words: str, *, limit: int) -> list[Track]:
        source = source_of_query(words, search_source=self._search_source)

        async def fetch() -> tuple[Track, ...]:
            return tuple(await self._inner.search(words, limit=limit))

        return list(await self._lookup.get((normalise_query(words), limit), source, fetch))

    @property
    def coalesced(self) -> int:
        return self._lookup.coalesced

    def stats(self) -> CacheStats:
        return self._lookup.stats()
