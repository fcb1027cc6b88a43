"""`ResilientPlaylistLister`: a `PlaylistLister` in front of another, with a short cache and source guards."""

from __future__ import annotations

from musicbot.application.source_ports import Listing, PlaylistLister
from musicbot.application.support.caching.keys import normalise_query
from musicbot.application.support.caching.ttl_cache import CacheStats
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.lookup import GuardedLookup
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.application.support.resilience.source_keys import source_of_query


class ResilientPlaylistLister:
    """Listings change (a playlist gets a new entry), so they keep only `listing_cache_ttl` seconds; "not a
    playlist" (None) is kept as long, which spares a second look when the same link is played again.
    """

    def __init__(
        self, inner: PlaylistLister, *, guard: SourceGuard, clock: Clock, settings: ResilienceSettings
    ) -> None:
        self._inner = inner
        self._search_source = settings.search_source
        self._lookup: GuardedLookup[tuple[str, int], Listing | None] = GuardedLookup(
            guard=guard,
            clock=clock,
            max_size=max(1, settings.cache_max_entries // 8),  # listings are big: fewer of them
            ttl=settings.listing_cache_ttl,
            negative_ttl=settings.cache_negative_ttl,
        )

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        source = source_of_query(query, search_source=self._search_source)

        async def fetch() -> Listing | None:
            return await self._inner.list_entries(query, limit=limit)

        return await self._lookup.get((normalise_query(query), limit), source, fetch)

    @property
    def coalesced(self) -> int:
        return self._lookup.coalesced

    def stats(self) -> CacheStats:
        return self._lookup.stats()
