from dataclasses import dataclass

from musicbot.application.errors import NoResults
from musicbot.application.source_ports import TrackSearch
from musicbot.application.support.requests import clean_request
from musicbot.domain.track import Track

CHOICES = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchCommand:
    words: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult:
    words: str
    tracks: tuple[Track, ...]  # best first, at most CHOICES (light: resolved when one is queued)


class SearchSongs:
    """Up to five songs for search words, to choose from (queued with `QueueTracks`)."""

    def __init__(self, search: TrackSearch, *, max_query_length: int = 500) -> None:
        self._search = search
        self._max = max_query_length

    async def execute(self, command: SearchCommand) -> SearchResult:
        words = clean_request(command.words, max_length=self._max, missing="say what to search for")
        tracks = tuple((await self._search.search(words, limit=CHOICES))[:CHOICES])
        if not tracks:
            raise NoResults(words)
        return SearchResult(words=words, tracks=tracks)
