"""`Recommend`: songs for a request in plain words ("something chill for studying, 90s hip hop vibes")."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.recommendation.chat import QUESTION, is_chat
from musicbot.application.recommendation.errors import NoRecommendations, NotAMusicRequest
from musicbot.application.recommendation.fallback import Extraction, ExtractorStats, FallbackIntentExtractor
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.ports import Audience
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.support.caching.keys import normalise_query
from musicbot.application.support.caching.single_flight import SingleFlight
from musicbot.application.support.caching.ttl_cache import CacheStats, TtlLruCache
from musicbot.application.support.clock import Clock
from musicbot.application.support.requests import clean_request
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendCommand:
    guild_id: GuildId
    user_id: UserId
    prompt: str
    # The people in the requester's voice channel (the requester included): their history counts.
    listeners: frozenset[UserId] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendations:
    """Light tracks (no stream yet): queue them as they are and the preparer resolves each in turn."""

    intent: MusicIntent
    tracks: tuple[Track, ...]
    used_ai: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendStats:
    requests: int
    rate_limited: int
    nothing_found: int
    intents: CacheStats
    extractor: ExtractorStats


class Recommend:
    """Chat ("hi bot") -> a question back; else rate limit (per user) -> intent (cached by normalised prompt;
    single flight) -> `SongPicker`.

    The tracks are not resolved here: each has a page URL the preparer resolves when it is queued (a failure then
    is reported and skipped like any song's). Checking the top few up front was left out on purpose: a yt-dlp
    refresh costs about a second each and streams expire within hours anyway, so it would slow every answer
    to save a rare skip.
    """

    def __init__(
        self,
        *,
        extractor: FallbackIntentExtractor,
        picker: SongPicker,
        limiter: SlidingWindowRateLimiter,
        clock: Clock,
        settings: RecommendationSettings,
    ) -> None:
        self._extractor = extractor
        self._picker = picker
        self._limiter = limiter
        self._max_prompt = settings.max_prompt_length
        self._fallback_ttl = settings.fallback_intent_ttl
        self._intents: TtlLruCache[str, Extraction] = TtlLruCache(
            max_size=settings.intent_cache_size, ttl=settings.intent_cache_ttl, clock=clock
        )
        self._flights: SingleFlight[str, Extraction] = SingleFlight()
        self.requests = 0
        self.nothing_found = 0

    async def execute(self, command: RecommendCommand) -> Recommendations:
        prompt = clean_request(
            command.prompt,
            max_length=self._max_prompt,
            missing="tell me what you would like: a genre, a mood, an activity, an artist...",
        )
        if is_chat(prompt):  # before the rate limit and the AI service: a question back costs nothing
            raise NotAMusicRequest(QUESTION)
        await self._limiter.admit(command.user_id)
        self.requests += 1
        extraction = await self._intent(prompt)
        audience = Audience(guild_id=command.guild_id, listeners=command.listeners | {command.user_id})
        tracks = await self._picker.pick(extraction.intent, audience)
        if not tracks:
            self.nothing_found += 1
            raise NoRecommendations
        return Recommendations(intent=extraction.intent, tracks=tuple(tracks), used_ai=extraction.used_ai)

    async def _intent(self, prompt: str) -> Extraction:
        key = normalise_query(prompt)
        cached = self._intents.get(key)
        if cached is not None:
            return cached

        async def extract() -> Extraction:
            extraction = await self._extractor.extract_with_origin(prompt)
            # A fallback answer is kept briefly: the AI service may be back for the next asker.
            brief = self._extractor.has_ai and not extraction.used_ai
            self._intents.put(key, extraction, ttl=self._fallback_ttl if brief else None)
            return extraction

        return await self._flights.run(key, extract)

    def stats(self) -> RecommendStats:
        return RecommendStats(
            requests=self.requests,
            rate_limited=self._limiter.refused,
            nothing_found=self.nothing_found,
            intents=self._intents.stats(),
            extractor=self._extractor.stats(),
        )
