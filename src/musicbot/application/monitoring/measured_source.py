"""`MeasuredSource`: the streaming source (yt-dlp) with every real resolution timed and its failures counted by
source, and the last failure kept for /admin health. It sits under the caches: only work actually done counts."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from musicbot.application.errors import TrackUnavailable
from musicbot.application.monitoring.metrics import Metrics
from musicbot.application.source_ports import Listing, PlayableSource
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.source_keys import source_of_query, source_of_track
from musicbot.domain.track import Track

T = TypeVar("T")
_KNOWN = frozenset({"youtube", "soundcloud", "bandcamp", "spotify", "local", "search"})


def metric_source(source: str) -> str:
    """A bounded label: any other site ("http:example.com") is "http"."""
    return source if source in _KNOWN else "http"


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    at: datetime
    source: str
    reason: str


class MeasuredSource:
    """Implements `PlayableSource` over `inner`."""

    def __init__(self, inner: PlayableSource, *, metrics: Metrics, clock: Clock, search_source: str) -> None:
        self._inner = inner
        self._metrics = metrics
        self._clock = clock
        self._search_source = search_source
        self.last_failure: Failure | None = None
        self.failures = 0

    async def resolve(self, query: str) -> Track:
        source = source_of_query(query, search_source=self._search_source)
        return await self._timed(source, lambda: self._inner.resolve(query))

    async def refresh(self, track: Track) -> Track:
        source = source_of_track(track, search_source=self._search_source)
        return await self._timed(source, lambda: self._inner.refresh(track))

    async def search(self, words: str, *, limit: int) -> list[Track]:
        return await self._noting(self._search_source, lambda: self._inner.search(words, limit=limit))

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        source = source_of_query(query, search_source=self._search_source)
        return await self._noting(source, lambda: self._inner.list_entries(query, limit=limit))

    async def _timed(self, source: str, call: Callable[[], Awaitable[T]]) -> T:
        started = time.perf_counter()
        try:
            result = await self._noting(source, call)
        except TrackUnavailable:
            self._metrics.resolution_finished(metric_source(source), ok=False, seconds=time.perf_counter() - started)
            raise
        self._metrics.resolution_finished(metric_source(source), ok=True, seconds=time.perf_counter() - started)
        return result

    async def _noting(self, source: str, call: Callable[[], Awaitable[T]]) -> T:
        """A cancellation or a bug is not the source failing: only `TrackUnavailable` is noted."""
        try:
            return await call()
        except TrackUnavailable as error:
            self.failures += 1
            self.last_failure = Failure(at=self._clock.now(), source=source, reason=error.reason)
            raise
