"""A track resolver that answers from a table: scripted failures, counted calls, fresh streams."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.source_ports import WarmUp
from musicbot.application.support.clock import Clock
from musicbot.domain.track import SourceKind, Track

DEFAULT_TTL = 6 * 3600.0


class FakeTrackResolver:
    """`resolve(query)` looks the query up; `refresh(track)` hands the same track back with a new stream.

    Failures are scripted by key: the query for `resolve`, the track's page URL for `refresh`.
    """

    def __init__(self, clock: Clock, *, ttl: float | None = DEFAULT_TTL) -> None:
        self.ttl = ttl  # seconds a stream URL stays valid; None: forever
        self.resolve_calls: list[str] = []
        self.refresh_calls: list[Track] = []
        self.answered: list[str] = []  # keys answered with a track, in the order the answers came
        self.warm = WarmUp(ready=True)  # what `warm_up_state` says: warm unless a test says otherwise
        self._clock = clock
        self._table: dict[str, Track | Exception] = {}
        self._failures: dict[str, list[Exception]] = {}
        self._turns: dict[str, int] = {}
        self._streams = itertools.count(1)
        self._open = asyncio.Event()
        self._open.set()

    # --- scripting -------------------------------------------------------------------------------------
    def add(self, query: str, outcome: Track | Exception) -> None:
        self._table[query] = outcome

    def track(
        self,
        query: str,
        *,
        title: str | None = None,
        duration: float | None = 180.0,
        source: SourceKind = SourceKind.YOUTUBE,
    ) -> Track:
        """Register a track for `query` (titled like it by default) and return it, stream not yet known."""
        track = Track(
            title=title or query,
            page_url=f"https://example.com/watch?v={'-'.join(query.split())}",
            source=source,
            duration=duration,
        )
        self.add(query, track)
        return track

    def knows(self, query: str) -> bool:
        return query in self._table

    def fail_next(self, key: str, times: int = 1, *, error: Exception | None = None) -> None:
        """The next `times` calls for `key` raise `error` (by default a transient `TrackUnavailable`)."""
        failure = error or TrackUnavailable("the source timed out", transient=True)
        self._failures.setdefault(key, []).extend([failure] * times)

    def delay(self, key: str, turns: int) -> None:
        """Calls for `key` let the event loop run `turns` times before answering."""
        self._turns[key] = turns

    def block(self) -> None:
        """Calls wait until `unblock`: a test can look at what a request in flight leaves behind."""
        self._open.clear()

    def unblock(self) -> None:
        self._open.set()

    # --- the port --------------------------------------------------------------------------------------
    async def resolve(self, query: str) -> Track:
        self.resolve_calls.append(query)
        await self._answer_after(query)
        outcome = self._table.get(query)
        if outcome is None:
            raise NoResults(query)
        if isinstance(outcome, Exception):
            raise outcome
        self.answered.append(query)
        return self._with_fresh_stream(outcome)

    async def refresh(self, track: Track) -> Track:
        self.refresh_calls.append(track)
        await self._answer_after(track.page_url)
        self.answered.append(track.page_url)
        return self._with_fresh_stream(track)

    def warm_up_state(self) -> WarmUp:
        return self.warm

    # --- internals -------------------------------------------------------------------------------------
    async def _answer_after(self, key: str) -> None:
        await self._open.wait()
        for _ in range(self._turns.get(key, 0)):
            await asyncio.sleep(0)
        pending = self._failures.get(key)
        if pending:
            raise pending.pop(0)

    def _with_fresh_stream(self, track: Track) -> Track:
        now = self._clock.now()
        return replace(
            track,
            stream_url=f"https://cdn.example.com/streams/{next(self._streams)}.webm",
            stream_expires_at=None if self.ttl is None else now + timedelta(seconds=self.ttl),
            http_headers=(("User-Agent", "musicbot-tests"),),
        )


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fake drifts from its port
    from musicbot.application.source_ports import TrackResolver, WarmingSource
    from tests.fakes.clock import ManualClock

    _resolver: TrackResolver = FakeTrackResolver(ManualClock())
    _warming: WarmingSource = FakeTrackResolver(ManualClock())
