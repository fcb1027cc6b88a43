"""`ResilientSource`: one object for everything a streaming source does (resolve, refresh, search, list), each
cached and guarded, all sharing one set of circuit breakers: a source that is down is down for every call.
"""

from __future__ import annotations

import asyncio
import random as _random
from collections.abc import Callable
from dataclasses import dataclass

from musicbot.application.source_ports import Listing, PlayableSource
from musicbot.application.support.caching.shared_store import SharedCache
from musicbot.application.support.caching.ttl_cache import CacheStats
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.listing import ResilientPlaylistLister
from musicbot.application.support.resilience.resolver import ResilientTrackResolver, ResolverStats
from musicbot.application.support.resilience.retry import Sleep
from musicbot.application.support.resilience.search import ResilientTrackSearch
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceStats:
    resolver: ResolverStats
    search: CacheStats
    search_coalesced: int
    listing: CacheStats
    listing_coalesced: int


class ResilientSource:
    """Implements `TrackResolver`, `TrackSearch` and `PlaylistLister` over `inner`. Build one per process;
    with `shared` (Redis), resolutions are shared between processes too."""

    def __init__(
        self,
        inner: PlayableSource,
        *,
        clock: Clock,
        settings: ResilienceSettings,
        sleep: Sleep = asyncio.sleep,
        random: Callable[[], float] = _random.random,
        shared: SharedCache | None = None,
    ) -> None:
        self.guard = SourceGuard.from_settings(settings, clock=clock, sleep=sleep, random=random)
        self._resolver = ResilientTrackResolver(inner, guard=self.guard, clock=clock, settings=settings, shared=shared)
        self._search = ResilientTrackSearch(inner, guard=self.guard, clock=clock, settings=settings)
        self._lister = ResilientPlaylistLister(inner, guard=self.guard, clock=clock, settings=settings)

    async def resolve(self, query: str) -> Track:
        return await self._resolver.resolve(query)

    async def refresh(self, track: Track) -> Track:
        return await self._resolver.refresh(track)

    async def search(self, words: str, *, limit: int) -> list[Track]:
        return await self._search.search(words, limit=limit)

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        return await self._lister.list_entries(query, limit=limit)

    def forget(self, query: str) -> None:
        self._resolver.forget(query)

    def stats(self) -> SourceStats:
        return SourceStats(
            resolver=self._resolver.stats(),
            search=self._search.stats(),
            search_coalesced=self._search.coalesced,
            listing=self._lister.stats(),
            listing_coalesced=self._lister.coalesced,
        )
