"""Test doubles for the resilience layer: a sleep that only records, and a search/listing source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from musicbot.application.errors import TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.application.support.clock import Clock
from musicbot.domain.track import SourceKind, Track
from tests.fakes.resolver import FakeTrackResolver


class RecordingSleep:
    """Returns at once; remembers the waits asked for."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


class FakeCatalogue:
    """Search words -> light tracks, links -> listings; scripted failures by words or link; calls counted."""

    def __init__(self) -> None:
        self.search_calls: list[tuple[str, int]] = []
        self.list_calls: list[tuple[str, int]] = []
        self.listings: dict[str, Listing] = {}
        self._failures: dict[str, list[Exception]] = {}

    def fail_next(self, key: str, times: int = 1, *, error: Exception | None = None) -> None:
        failure = error or TrackUnavailable("the source timed out", transient=True)
        self._failures.setdefault(key, []).extend([failure] * times)

    def playlist(self, url: str, size: int) -> Listing:
        entries = tuple(light_track(f"{url} entry {n}") for n in range(1, size + 1))
        self.listings[url] = Listing(title=f"playlist {url}", url=url, entries=entries)
        return self.listings[url]

    async def search(self, words: str, *, limit: int) -> list[Track]:
        self.search_calls.append((words, limit))
        self._maybe_fail(words)
        return [light_track(f"{words} #{n}") for n in range(1, limit + 1)]

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        self.list_calls.append((query, limit))
        self._maybe_fail(query)
        return self.listings.get(query)

    def _maybe_fail(self, key: str) -> None:
        pending = self._failures.get(key)
        if pending:
            raise pending.pop(0)


class FakeStreamingSource(FakeTrackResolver):
    """Resolves like `FakeTrackResolver`, searches and lists like `FakeCatalogue`: yt-dlp's four calls."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(clock)
        self.catalogue = FakeCatalogue()

    async def search(self, words: str, *, limit: int) -> list[Track]:
        return await self.catalogue.search(words, limit=limit)

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        return await self.catalogue.list_entries(query, limit=limit)


def light_track(title: str) -> Track:
    return Track(
        title=title, page_url=f"https://youtube.com/watch?v={'-'.join(title.split())}", source=SourceKind.YOUTUBE
    )


if TYPE_CHECKING:
    from musicbot.application.source_ports import PlaylistLister, TrackSearch
    from musicbot.application.support.resilience.source import StreamingSource
    from tests.fakes.clock import ManualClock

    _search: TrackSearch = FakeCatalogue()
    _lister: PlaylistLister = FakeCatalogue()
    _source: StreamingSource = FakeStreamingSource(ManualClock())
