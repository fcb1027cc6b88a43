"""`SearchCandidates`: candidates found by searching the streaming source with phrases built from the intent."""

from __future__ import annotations

import asyncio
import logging

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate
from musicbot.application.recommendation.queries import Phrase, search_phrases
from musicbot.application.source_ports import TrackSearch
from musicbot.domain.track import SourceKind

log = logging.getLogger(__name__)

_POSITION_DECAY = 0.08  # the 10th result of a phrase is worth ~60% of the first


class SearchCandidates:
    """Searches run concurrently; a phrase that fails is skipped, and only all of them failing is an error.

    Search results are light tracks with a page URL, so the preparer resolves them when they are queued.
    """

    def __init__(self, search: TrackSearch, *, phrases: int = 4, per_phrase: int = 8, name: str = "search") -> None:
        if phrases < 1 or per_phrase < 1:
            raise ValueError("at least one phrase and one result per phrase")
        self.name = name
        self._search = search
        self._phrases = phrases
        self._per_phrase = per_phrase

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        phrases = search_phrases(intent, limit=self._phrases)
        results = await asyncio.gather(*(self._one(phrase) for phrase in phrases), return_exceptions=True)
        found: list[Candidate] = []
        errors: list[BaseException] = []
        for phrase, result in zip(phrases, results, strict=True):
            if isinstance(result, asyncio.CancelledError):
                raise result
            if isinstance(result, BaseException):
                log.info("search for %r failed: %s", phrase.words, result)
                errors.append(result)
            else:
                found.extend(result)
        if errors and len(errors) == len(phrases):
            raise errors[0]
        found.sort(key=lambda candidate: -candidate.score)  # stable: phrase order, then result order
        return found[:limit]

    async def _one(self, phrase: Phrase) -> list[Candidate]:
        tracks = await self._search.search(phrase.words, limit=self._per_phrase)
        return [
            Candidate(track=track, source=self.name, score=phrase.weight / (1 + _POSITION_DECAY * position))
            for position, track in enumerate(tracks)
            if track.source is not SourceKind.SEARCH  # a placeholder, not a result: nothing to play
        ]
