"""`CachedCandidates`: a candidate source in front of another, remembering its answers for a while.

In front of search (the costly source) it keys on the intent alone, so every guild asking the same thing shares
the answer; `per_audience=True` keys on the guild and listeners too, for sources whose answer depends on them.
Concurrent misses for one key share one call. An empty answer is not kept: the source may be back in a moment.
With `shared` (Redis), a miss here asks the cache every process shares before the source, and an answer from
the source is shared for the same time.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate, CandidateSource
from musicbot.application.scale.ports import SharedCache
from musicbot.application.support.caching.codecs import track_from_json, track_to_json
from musicbot.application.support.caching.shared_tier import GuardedSharedCache, SharedTier
from musicbot.application.support.caching.single_flight import SingleFlight
from musicbot.application.support.caching.ttl_cache import CacheStats, TtlLruCache
from musicbot.application.support.clock import Clock


def _candidates_to_json(found: tuple[Candidate, ...]) -> list[dict[str, Any]]:
    return [{"track": track_to_json(c.track), "source": c.source, "score": c.score} for c in found]


def _candidates_from_json(data: list[dict[str, Any]]) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(track=track_from_json(item["track"]), source=str(item["source"]), score=float(item["score"]))
        for item in data
    )


class CachedCandidates:
    def __init__(
        self,
        inner: CandidateSource,
        *,
        clock: Clock,
        max_size: int,
        ttl: float,
        per_audience: bool = False,
        shared: SharedCache | None = None,
    ) -> None:
        self.name = inner.name
        self._inner = inner
        self._per_audience = per_audience
        self._cache: TtlLruCache[Hashable, tuple[Candidate, ...]] = TtlLruCache(max_size=max_size, ttl=ttl, clock=clock)
        self._flights: SingleFlight[Hashable, tuple[Candidate, ...]] = SingleFlight()
        self._ttl = ttl
        self._shared: SharedTier[tuple[Candidate, ...]] | None = None
        if shared is not None:
            self._shared = SharedTier(
                GuardedSharedCache(shared, clock=clock, what=f"{inner.name} recommendations"),
                namespace=f"candidates:{inner.name}",
                encode=_candidates_to_json,
                decode=_candidates_from_json,
            )

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        key = (intent, limit, audience if self._per_audience else None)
        cached = self._cache.get(key)
        if cached is not None:
            return list(cached)

        async def fetch() -> tuple[Candidate, ...]:
            shared_key = self._shared_key(intent, limit, audience)
            if self._shared is not None:
                known = await self._shared.get(shared_key)
                if known:
                    self._cache.put(key, known)
                    return known
            found = tuple(await self._inner.candidates(intent, limit=limit, audience=audience))
            if found:
                self._cache.put(key, found)
                if self._shared is not None:
                    await self._shared.put(shared_key, found, self._ttl)
            return found

        return list(await self._flights.run(key, fetch))

    @property
    def coalesced(self) -> int:
        return self._flights.coalesced

    def _shared_key(self, intent: MusicIntent, limit: int, audience: Audience) -> str:
        """The same in every process: an intent's repr is (frozen dataclasses of text and numbers); a set's
        order is not, so listeners are sorted."""
        who = f"{audience.guild_id}:{sorted(audience.listeners)}" if self._per_audience else "-"
        return f"{intent!r}|{limit}|{who}"

    @property
    def shared_hits(self) -> int:
        return 0 if self._shared is None else self._shared.hits

    def stats(self) -> CacheStats:
        return self._cache.stats()
