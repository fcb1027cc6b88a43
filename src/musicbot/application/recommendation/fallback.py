"""`FallbackIntentExtractor`: the AI service when there is one, the offline lexicon whenever it fails."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import IntentExtractor

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    intent: MusicIntent
    used_ai: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractorStats:
    ai_calls: int  # requests sent to the primary extractor
    fallbacks: int  # answered by the fallback because the primary failed
    failures: int  # primary failures (errors, timeouts, empty answers)


class FallbackIntentExtractor:
    """Asks `primary` (None: no AI service configured, so this is just `fallback`) and, on any failure of it
    (an error, `timeout` seconds without an answer, or an answer with nothing in it while the lexicon
    understood something), answers with `fallback`, which must not fail (the lexicon never does).
    """

    def __init__(
        self,
        primary: IntentExtractor | None,
        fallback: IntentExtractor,
        *,
        timeout: float | None = None,
    ) -> None:
        if timeout is not None and timeout <= 0:
            raise ValueError(f"timeout must be positive, not {timeout}")
        self._primary = primary
        self._fallback = fallback
        self._timeout = timeout
        self.ai_calls = 0
        self.fallbacks = 0
        self.failures = 0

    @property
    def has_ai(self) -> bool:
        return self._primary is not None

    async def extract(self, prompt: str) -> MusicIntent:
        return (await self.extract_with_origin(prompt)).intent

    async def extract_with_origin(self, prompt: str) -> Extraction:
        if self._primary is None:
            return Extraction(intent=await self._fallback.extract(prompt), used_ai=False)
        self.ai_calls += 1
        try:
            async with asyncio.timeout(self._timeout):
                intent = await self._primary.extract(prompt)
        except Exception as error:  # any failure of the AI path, never the user's problem
            self.failures += 1
            log.warning("intent extraction by the AI service failed (%s: %s); using the lexicon", type(error), error)
        else:
            if not intent.is_empty:
                return Extraction(intent=intent, used_ai=True)
            offline = await self._fallback.extract(prompt)
            if offline.is_empty:
                return Extraction(intent=intent, used_ai=True)
            self.failures += 1
            log.info("the AI service understood nothing in %r; the lexicon did", prompt)
            self.fallbacks += 1
            return Extraction(intent=offline, used_ai=False)
        self.fallbacks += 1
        return Extraction(intent=await self._fallback.extract(prompt), used_ai=False)

    def stats(self) -> ExtractorStats:
        return ExtractorStats(ai_calls=self.ai_calls, fallbacks=self.fallbacks, failures=self.failures)
