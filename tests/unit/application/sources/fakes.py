"""Fakes for the catalogue-aware resolver: a catalogue answering from a table, a source that also searches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from musicbot.application.errors import TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver

CATALOG_PREFIX = "https://catalog.example/"


def catalog_track(title: str, artist: str | None, duration: float | None = 200.0) -> Track:
    slug = "-".join(title.lower().split())
    return Track(
        title=title,
        artist=artist,
        duration=duration,
        page_url=f"{CATALOG_PREFIX}track/{slug}",
        source=SourceKind.SPOTIFY,
        thumbnail=f"https://images.example/{slug}.jpg",
    )


def video(title: str, uploader: str | None = None, duration: float | None = 200.0) -> Track:
    slug = "-".join(title.lower().split())
    return Track(
        title=title, artist=uploader, duration=duration, page_url=f"https://video.example/{slug}",
        source=SourceKind.YOUTUBE,
    )  # fmt: skip


class FakeCatalog:
    """Links under CATALOG_PREFIX are its own; `lookup` answers from `listings` and records its calls."""

    def __init__(self) -> None:
        self.listings: dict[str, Listing | TrackUnavailable] = {}
        self.lookups: list[tuple[str, int]] = []

    def add_track(self, track: Track) -> str:
        self.listings[track.page_url] = Listing(title=track.title, url=track.page_url, entries=(track,))
        return track.page_url

    def add_listing(self, kind: str, title: str, tracks: list[Track], *, note: str | None = None) -> str:
        url = f"{CATALOG_PREFIX}{kind}/{'-'.join(title.lower().split())}"
        self.listings[url] = Listing(title=title, url=url, entries=tuple(tracks), note=note)
        return url

    def handles(self, query: str) -> bool:
        return query.startswith(CATALOG_PREFIX)

    async def lookup(self, url: str, *, limit: int) -> Listing:
        self.lookups.append((url, limit))
        outcome = self.listings.get(url)
        if outcome is None:
            raise TrackUnavailable("the catalogue has no such item")
        if isinstance(outcome, TrackUnavailable):
            raise outcome
        return Listing(title=outcome.title, url=outcome.url, entries=outcome.entries[:limit], note=outcome.note)


class FakeSource(FakeTrackResolver):
    """The table-driven resolver, plus search results and playlists by their words or link."""

    def __init__(self) -> None:
        super().__init__(ManualClock())
        self.results: dict[str, list[Track]] = {}
        self.playlists: dict[str, Listing] = {}
        self.searches: list[tuple[str, int]] = []
        self.listed: list[tuple[str, int]] = []

    async def search(self, words: str, *, limit: int) -> list[Track]:
        self.searches.append((words, limit))
        return self.results.get(words, [])[:limit]

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        self.listed.append((query, limit))
        return self.playlists.get(query)


if TYPE_CHECKING:  # `mypy tests` fails here when the fakes drift from their ports
    from musicbot.application.source_ports import MusicCatalog, PlayableSource

    _catalog: MusicCatalog = FakeCatalog()
    _source: PlayableSource = FakeSource()
