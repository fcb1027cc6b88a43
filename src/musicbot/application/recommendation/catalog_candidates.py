"""`CatalogSearchCandidates`: candidates found by searching a music catalogue (Spotify) by artist, genre and year."""

from __future__ import annotations

import asyncio
import logging

from musicbot.application.recommendation.catalog_queries import WeightedQuery, catalog_queries
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate, CatalogSearch

log = logging.getLogger(__name__)

_POSITION_DECAY = 0.08  # as for web search: the 10th result of a query is worth ~60% of the first


class CatalogSearchCandidates:
    """Queries run concurrently; one that fails is skipped, and only all of them failing is an error.

    Results are light catalogue tracks (a Spotify page URL): the preparer maps each to a playable source when its
    turn comes, as it does for Spotify links.
    """

    def __init__(self, catalog: CatalogSearch, *, queries: int = 4, per_query: int = 10, name: str = "spotify") -> None:
        if queries < 1 or per_query < 1:
            raise ValueError("at least one query and one result per query")
        self.name = name
        self._catalog = catalog
        self._queries = queries
        self._per_query = per_query

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        queries = catalog_queries(intent, limit=self._queries)
        results = await asyncio.gather(*(self._one(query) for query in queries), return_exceptions=True)
        found: list[Candidate] = []
        errors: list[BaseException] = []
        for query, result in zip(queries, results, strict=True):
            if isinstance(result, asyncio.CancelledError):
                raise result
            if isinstance(result, BaseException):
                log.info("%s search for %s failed: %s", self.name, query.query, result)
                errors.append(result)
            else:
                found.extend(result)
        if errors and len(errors) == len(queries):
            raise errors[0]
        found.sort(key=lambda candidate: -candidate.score)  # stable: query order, then result order
        return found[:limit]

    async def _one(self, query: WeightedQuery) -> list[Candidate]:
        tracks = await self._catalog.find_tracks(query.query, limit=self._per_query)
        return [
            Candidate(track=track, source=self.name, score=query.weight / (1 + _POSITION_DECAY * position))
            for position, track in enumerate(tracks)
        ]
