"""`ResilientTrackResolver`: a `TrackResolver` in front of another that answers from a cache when it can,
shares concurrent work, and protects the sources (retries with backoff, a circuit breaker per source).

Layers, outside in: cache -> single flight -> the shared cache (with Redis) -> per attempt: breaker -> inner
resolver, retried while transient.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from musicbot.application.errors import TrackUnavailable
from musicbot.application.source_ports import TrackResolver
from musicbot.application.support.caching.keys import normalise_query
from musicbot.application.support.caching.shared_store import SharedCache
from musicbot.application.support.caching.single_flight import SingleFlight
from musicbot.application.support.caching.ttl_cache import TtlLruCache
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.lookup import CachedFailure
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.application.support.resilience.shared_resolutions import SharedResolutions
from musicbot.application.support.resilience.source_keys import source_of_query, source_of_track
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolverStats:
    hits: int  # answered from the cache with a playable track
    negative_hits: int  # answered from the cache with a known failure
    misses: int  # had to wait for a resolution (their own, or one already under way)
    coalesced: int  # of the misses, those that joined a resolution already under way
    refreshes: int
    retries: int
    rejections: int  # failed fast: the source's breaker was open
    cached_tracks: int
    failing_sources: tuple[str, ...]  # breakers not closed
    shared_hits: int = 0  # of the misses, those another process had resolved (the shared cache answered)


class ResilientTrackResolver:
    """Caches by the normalised query (-> page URL) and by page URL (-> track); a cached track is never handed
    out once its stream is within `stream_margin` of expiring.

    `refresh` of a track that carries a stream means that stream expired or broke: it always asks the inner
    resolver and stores the answer, so later `resolve`s of the same query get the new stream. A light track
    (no stream yet, e.g. a playlist entry) may be answered from the cache.
    Non-transient failures (`NoResults`, a private video) are not retried, do not count against the source,
    and are remembered for `cache_negative_ttl` seconds so a link spammed in a channel costs one extraction.
    With `shared` (Redis), a miss here asks the shared cache before the inner resolver, and what the inner
    resolver answers is shared: one extraction for every process.
    """

    def __init__(
        self,
        inner: TrackResolver,
        *,
        guard: SourceGuard,
        clock: Clock,
        settings: ResilienceSettings,
        shared: SharedCache | None = None,
    ) -> None:
        self._inner = inner
        self._guard = guard
        self._clock = clock
        self._settings = settings
        size = settings.cache_max_entries
        self._queries: TtlLruCache[str, str | CachedFailure] = TtlLruCache(
            max_size=size, ttl=settings.cache_query_ttl, clock=clock
        )
        self._tracks: TtlLruCache[str, Track] = TtlLruCache(max_size=size, ttl=settings.cache_track_ttl, clock=clock)
        self._flights: SingleFlight[tuple[str, str], Track] = SingleFlight()
        self._margin = timedelta(seconds=settings.stream_margin)
        self._shared = None if shared is None else SharedResolutions(shared, clock=clock, settings=settings)
        self._hits = self._negative_hits = self._misses = self._refreshes = self._shared_hits = 0

    async def resolve(self, query: str) -> Track:
        key = normalise_query(query)
        cached = self._cached_answer(key)
        if cached is not None:
            self._hits += 1
            return cached
        self._misses += 1
        return await self._flights.run(("resolve", key), lambda: self._resolve_now(query, key))

    async def refresh(self, track: Track) -> Track:
        key = normalise_query(track.page_url)
        if track.stream_url is None:
            cached = self._playable(self._tracks.get(key))
            if cached is not None:
                self._hits += 1
                return cached
        self._misses += 1
        return await self._flights.run(("refresh", key), lambda: self._refresh_now(track, key))

    def forget(self, query: str) -> None:
        """Drop what is cached for `query` (a query or a page URL)."""
        key = normalise_query(query)
        self._queries.invalidate(key)
        self._tracks.invalidate(key)

    def stats(self) -> ResolverStats:
        return ResolverStats(
            hits=self._hits,
            negative_hits=self._negative_hits,
            misses=self._misses,
            coalesced=self._flights.coalesced,
            refreshes=self._refreshes,
            retries=self._guard.retries,
            rejections=self._guard.rejections,
            cached_tracks=len(self._tracks),
            failing_sources=tuple(self._guard.breakers.not_closed()),
            shared_hits=self._shared_hits,
        )

    # --- internals -------------------------------------------------------------------------------------
    def _cached_answer(self, key: str) -> Track | None:
        entry = self._queries.get(key)
        if isinstance(entry, CachedFailure):
            self._negative_hits += 1
            entry.raise_again()
        return self._playable(self._tracks.get(entry if entry is not None else key))

    def _playable(self, track: Track | None) -> Track | None:
        if track is None or not track.is_playable_at(self._clock.now() + self._margin):
            return None
        return track

    async def _resolve_now(self, query: str, key: str) -> Track:
        shared = await self._shared_answer(key)
        if shared is not None:
            return shared
        source = source_of_query(query, search_source=self._settings.search_source)
        try:
            track = await self._guard.call(source, lambda: self._inner.resolve(query))
        except TrackUnavailable as error:
            if not error.transient:
                self._queries.put(key, CachedFailure(error), ttl=self._settings.cache_negative_ttl)
                if self._shared is not None:
                    await self._shared.failed(key, error)
            raise
        page_key = self._remember(track)
        if page_key is not None and page_key != key:
            self._queries.put(key, page_key)
        await self._share(key, page_key, track)
        return track

    async def _shared_answer(self, key: str) -> Track | None:
        """What another process resolved `key` to, kept here too; raises the failure it met, if lasting."""
        if self._shared is None:
            return None
        lead = await self._shared.lead(key)
        if isinstance(lead, CachedFailure):
            self._queries.put(key, lead, ttl=self._settings.cache_negative_ttl)
            lead.raise_again()
        track = self._playable(await self._shared.track(key if lead is None else lead))
        if track is None:
            return None
        self._shared_hits += 1
        page_key = self._remember(track)
        if page_key is not None and page_key != key:
            self._queries.put(key, page_key)
        return track

    async def _share(self, key: str, page_key: str | None, track: Track) -> None:
        if self._shared is not None and page_key is not None:
            await self._shared.resolved(key, page_key, track, self._keep_until(track))

    async def _refresh_now(self, track: Track, key: str) -> Track:
        if track.stream_url is None and self._shared is not None:  # a light track another process may know
            lead = await self._shared.lead(key)
            known = self._playable(await self._shared.track(lead if isinstance(lead, str) else key))
            if known is not None:
                self._shared_hits += 1
                if self._remember(known) != key:
                    self._tracks.put(key, known, expires_at=self._keep_until(known))
                return known
        self._refreshes += 1
        if track.stream_url is not None:
            self._tracks.invalidate(key)  # that stream broke: hand it to nobody else meanwhile
        source = source_of_track(track, search_source=self._settings.search_source)
        fresh = await self._guard.call(source, lambda: self._inner.refresh(track))
        page_key = self._remember(fresh)
        if page_key is not None and page_key != key:
            self._tracks.put(key, fresh, expires_at=self._keep_until(fresh))
        await self._share(key, page_key, fresh)
        return fresh

    def _remember(self, track: Track) -> str | None:
        """Cache a playable track under its page URL; that key, or None when there was nothing to keep."""
        if self._playable(track) is None:
            return None
        page_key = normalise_query(track.page_url)
        self._tracks.put(page_key, track, expires_at=self._keep_until(track))
        return page_key

    def _keep_until(self, track: Track) -> datetime | None:
        return None if track.stream_expires_at is None else track.stream_expires_at - self._margin
