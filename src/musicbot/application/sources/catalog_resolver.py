"""`CatalogAwareResolver`: catalogue links (Spotify) become playable tracks found by search on a real source.

A catalogue knows songs but cannot stream them. This resolver reads the song's metadata from the
catalogue, searches the playable source for "artist title", keeps the candidate that scores best
(`matching.py`) and lets the source resolve it. Users see the catalogue's title and artist; the audio,
duration and page come from the match. Everything that is not a catalogue link goes to the source as is.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from musicbot.application.errors import NoResults
from musicbot.application.source_ports import Listing, MusicCatalog, PlayableSource
from musicbot.application.sources.matching import DEFAULT_MIN_SCORE, best_match
from musicbot.domain.track import SourceKind, Track

log = logging.getLogger(__name__)

DEFAULT_CANDIDATES = 5


class NoPlayableMatch(NoResults):
    """The catalogue knows the song, but no search result was close enough to play in its place."""

    def __init__(self, wanted: Track) -> None:
        described = f"{wanted.artist} - {wanted.title}" if wanted.artist else wanted.title
        # NoResults' own message ("nothing found for ...") would hide that the song itself was found.
        super(NoResults, self).__init__(f"no playable match found for {described!r}")
        self.query = described
        self.wanted = wanted


def search_words(track: Track) -> str:
    """What to search the playable source for: "artist title" (several artists as plain words)."""
    artist = (track.artist or "").replace(",", " ")
    return " ".join(f"{artist} {track.title}".split())


class CatalogAwareResolver:
    """Implements `TrackResolver`, `PlaylistLister` and `TrackSearch` over `source`, reading `catalog` links."""

    def __init__(
        self,
        source: PlayableSource,
        catalog: MusicCatalog,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        candidates: int = DEFAULT_CANDIDATES,
    ) -> None:
        if not 0.0 <= min_score <= 1.0:
            raise ValueError(f"min_score is a score between 0 and 1 ({min_score})")
        if candidates < 1:
            raise ValueError(f"at least one candidate is needed ({candidates})")
        self._source = source
        self._catalog = catalog
        self._min_score = min_score
        self._candidates = candidates

    async def resolve(self, query: str) -> Track:
        """A catalogue link plays its (first) song; an album or playlist's others come through `list_entries`."""
        if not self._catalog.handles(query):
            return await self._source.resolve(query)
        listing = await self._catalog.lookup(query, limit=1)
        if not listing.entries:
            raise NoResults(query)
        return await self._play(listing.entries[0])

    async def refresh(self, track: Track) -> Track:
        """A catalogue entry (from a listing or a saved playlist) is matched again; other tracks go to the source."""
        if track.source is SourceKind.SPOTIFY:
            return await self._play(track)
        return await self._source.refresh(track)

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        """An album, playlist or artist link's songs as catalogue entries; a single-song link is no listing."""
        if not self._catalog.handles(query):
            return await self._source.list_entries(query, limit=limit)
        listing = await self._catalog.lookup(query, limit=limit)
        if _is_single_song(listing):
            return None
        return listing

    async def search(self, words: str, *, limit: int) -> list[Track]:
        return await self._source.search(words, limit=limit)

    async def _play(self, wanted: Track) -> Track:
        match = await self._match(wanted)
        played = await self._source.refresh(match)
        return replace(
            played,
            title=wanted.title,
            artist=wanted.artist or played.artist,
            thumbnail=wanted.thumbnail or played.thumbnail,
            duration=played.duration if played.duration is not None else wanted.duration,
        )

    async def _match(self, wanted: Track) -> Track:
        words = search_words(wanted)
        try:
            candidates = await self._source.search(words, limit=self._candidates)
        except NoResults:
            candidates = []
        found = best_match(wanted, candidates, self._min_score)
        if found is None:
            log.info("no match for %r among %d candidates", words, len(candidates))
            raise NoPlayableMatch(wanted)
        track, score = found
        log.debug("matched %r to %r (%s) with %.2f", words, track.title, track.page_url, score)
        return track


def _is_single_song(listing: Listing) -> bool:
    """A track link's listing: its one entry is the link itself (catalogues give the track's URL as both)."""
    return len(listing.entries) == 1 and listing.entries[0].page_url == listing.url
