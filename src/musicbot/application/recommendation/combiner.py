"""`CombinedCandidates`: every candidate source at once, each within its own time; one failing only drops its share."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate, CandidateSource

log = logging.getLogger(__name__)


class CombinedCandidates:
    """A `CandidateSource` over others. `failures` counts, per source name, the calls that failed or timed out."""

    name = "combined"

    def __init__(self, sources: Sequence[CandidateSource], *, timeout: float) -> None:
        if not sources:
            raise ValueError("at least one candidate source")
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, not {timeout}")
        self._sources = tuple(sources)
        self._timeout = timeout
        self.failures: Counter[str] = Counter()

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        batches = await asyncio.gather(*(self._ask(source, intent, limit, audience) for source in self._sources))
        return [candidate for batch in batches for candidate in batch]

    async def _ask(
        self, source: CandidateSource, intent: MusicIntent, limit: int, audience: Audience
    ) -> list[Candidate]:
        try:
            async with asyncio.timeout(self._timeout):
                return await source.candidates(intent, limit=limit, audience=audience)
        except TimeoutError:
            log.warning("candidate source %s gave nothing within %.1f s", source.name, self._timeout)
        except Exception as error:  # a source's failure only costs its candidates
            log.warning("candidate source %s failed: %s: %s", source.name, type(error).__name__, error)
        self.failures[source.name] += 1
        return []
