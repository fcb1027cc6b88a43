"""`SharedResolutions`: the resolutions every process shares (with Redis), so a link one process resolved is
not resolved again by another. Two maps, as in each process's own cache: what a query led to (a page, or a
failure that trying again will not mend) and the track of each page, its stream kept no longer than the
stream lives (minus the margin)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from musicbot.application.errors import TrackUnavailable
from musicbot.application.support.caching.codecs import (
    failure_from_json,
    failure_to_json,
    shareable,
    track_from_json,
    track_to_json,
)
from musicbot.application.support.caching.shared_store import SharedCache
from musicbot.application.support.caching.shared_tier import GuardedSharedCache, SharedTier
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.lookup import CachedFailure
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.domain.track import Track


def _lead_to_json(lead: str | CachedFailure) -> dict[str, Any]:
    return {"failure": failure_to_json(lead.error)} if isinstance(lead, CachedFailure) else {"page": lead}


def _lead_from_json(data: dict[str, Any]) -> str | CachedFailure:
    if "failure" in data:
        return CachedFailure(failure_from_json(data["failure"]))
    return str(data["page"])


class SharedResolutions:
    def __init__(self, store: SharedCache, *, clock: Clock, settings: ResilienceSettings) -> None:
        self._clock = clock
        self._settings = settings
        guarded = GuardedSharedCache(store, clock=clock, what="resolutions")
        self._leads: SharedTier[str | CachedFailure] = SharedTier(
            guarded, namespace="resolve-query", encode=_lead_to_json, decode=_lead_from_json
        )
        self._tracks: SharedTier[Track] = SharedTier(
            guarded, namespace="resolve-track", encode=track_to_json, decode=track_from_json
        )

    async def lead(self, key: str) -> str | CachedFailure | None:
        """What the query `key` led to in any process: a page key, a lasting failure, or None (not known)."""
        return await self._leads.get(key)

    async def track(self, page_key: str) -> Track | None:
        """The track of a page as some process last resolved it (its stream may be close to expiring)."""
        return await self._tracks.get(page_key)

    async def resolved(self, key: str, page_key: str, track: Track, keep_until: datetime | None) -> None:
        """`key` led to the page `page_key`, whose track is `track` (playable until `keep_until`)."""
        ttl = self._settings.cache_track_ttl
        if keep_until is not None:
            ttl = min(ttl, (keep_until - self._clock.now()).total_seconds())
        await self._tracks.put(page_key, track, ttl)
        if page_key != key:
            await self._leads.put(key, page_key, self._settings.cache_query_ttl)

    async def failed(self, key: str, error: TrackUnavailable) -> None:
        if shareable(error):
            await self._leads.put(key, CachedFailure(error), self._settings.cache_negative_ttl)
