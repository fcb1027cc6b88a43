"""Playlists by URL, as a flat listing gives them: light tracks the resolver refreshes one by one later."""

from __future__ import annotations

from typing import TYPE_CHECKING

from musicbot.application.source_ports import Listing
from musicbot.domain.track import SourceKind, Track


class FakePlaylistLister:
    def __init__(self) -> None:
        self._table: dict[str, Listing] = {}
        self.calls: list[tuple[str, int]] = []

    def playlist(self, url: str, count: int, *, title: str = "Mix", skipped: int = 0) -> Listing:
        entries = tuple(
            Track(title=f"{title} {i}", page_url=f"https://example.com/watch?v={title}-{i}", source=SourceKind.YOUTUBE)
            for i in range(1, count + 1)
        )
        listing = Listing(title=title, url=url, entries=entries, skipped=skipped)
        self._table[url] = listing
        return listing

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        self.calls.append((query, limit))
        listing = self._table.get(query)
        if listing is None:
            return None
        return Listing(
            title=listing.title,
            url=listing.url,
            entries=listing.entries[:limit],
            skipped=listing.skipped + max(len(listing.entries) - limit, 0),
        )


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fake drifts from its port
    from musicbot.application.source_ports import PlaylistLister

    _lister: PlaylistLister = FakePlaylistLister()
