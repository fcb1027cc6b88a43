"""What recommending needs from the settings: its limits, who reads requests (OpenRouter or the lexicon), and
where candidates come from (Spotify search only with Spotify credentials).

For the container; the HTTP client to OpenRouter exists only when a key is set, and is closed at shutdown.
"""

from __future__ import annotations

import httpx
import structlog

from musicbot.adapters.deezer import DeezerApi, DeezerSimilarCandidates
from musicbot.adapters.openrouter import build_intent_extractor
from musicbot.adapters.spotify import MissingCredentialsCatalog, SpotipyCatalog
from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.catalog_candidates import CatalogSearchCandidates
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.ports import CandidateSource
from musicbot.application.recommendation.recommend import Recommend
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.scale.ports import SharedCache
from musicbot.application.support.clock import Clock
from musicbot.entrypoints.settings import Settings

log = structlog.get_logger(__name__)


def recommendation_settings(settings: Settings) -> RecommendationSettings:
    return RecommendationSettings(
        max_prompt_length=settings.recommend_max_prompt_length,
        intent_cache_size=settings.recommend_intent_cache_size,
        intent_cache_ttl=settings.recommend_intent_cache_ttl,
        candidate_cache_size=settings.recommend_cache_size,
        candidate_cache_ttl=settings.recommend_cache_ttl,
        rate_limit=settings.recommend_rate_limit,
        rate_window=settings.recommend_rate_window,
        burst=min(settings.recommend_burst, settings.recommend_rate_limit),
        burst_window=min(settings.recommend_burst_window, settings.recommend_rate_window),
        source_timeout=settings.recommend_source_timeout,
        max_per_artist=settings.recommend_max_per_artist,
        exclude_recent=settings.recommend_exclude_recent,
        radio_batch=settings.radio_batch_size,
        radio_no_repeat=settings.radio_no_repeat,
    )


def deezer_source(settings: Settings, clock: Clock) -> DeezerSimilarCandidates | None:
    """Songs like the artists a request names, from Deezer; None when its URL is set empty (off)."""
    if not settings.deezer_api_url.strip():
        return None
    api = DeezerApi(clock=clock, base_url=settings.deezer_api_url, timeout=settings.deezer_timeout)
    return DeezerSimilarCandidates(api)


def candidate_sources(
    *sources: CandidateSource,
    catalog: SpotipyCatalog | MissingCredentialsCatalog,
    clock: Clock,
    settings: Settings,
    deezer: DeezerSimilarCandidates | None = None,
    shared: SharedCache | None = None,
) -> list[CandidateSource]:
    """`sources`, Deezer (cached) unless it is off, and Spotify search (cached like web search) when Spotify
    credentials are set; each cache shared between processes with `shared` (Redis)."""
    if deezer is not None:
        cached = CachedCandidates(
            deezer,
            clock=clock,
            max_size=settings.recommend_cache_size,
            ttl=settings.recommend_cache_ttl,
            shared=shared,
        )
        sources = (*sources, cached)
    if not isinstance(catalog, SpotipyCatalog):
        return list(sources)
    spotify = CachedCandidates(
        CatalogSearchCandidates(catalog),
        clock=clock,
        max_size=settings.recommend_cache_size,
        ttl=settings.recommend_cache_ttl,
        shared=shared,
    )
    return [*sources, spotify]


class IntentReader:
    """The intent extractor: OpenRouter with the lexicon behind it when a key is set, else the lexicon alone."""

    def __init__(self, settings: Settings, clock: Clock) -> None:
        secret = settings.openrouter_api_key
        key = secret.get_secret_value().strip() if secret else ""
        self._client = httpx.AsyncClient() if key else None
        self.extractor: FallbackIntentExtractor = build_intent_extractor(
            api_key=key or None,
            model=settings.openrouter_model,
            clock=clock,
            base_url=settings.openrouter_base_url,
            timeout=settings.openrouter_timeout,
            request_timeout=settings.openrouter_request_timeout,
            max_attempts=settings.openrouter_max_attempts,
            max_retry_after=settings.openrouter_max_retry_after,
            client=self._client,
        )

    @property
    def uses_ai(self) -> bool:
        return self.extractor.has_ai

    @property
    def closed(self) -> bool:
        """The HTTP client was closed (True at once when there is none)."""
        return self._client is None or self._client.is_closed

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


async def close_recommendations(
    reader: IntentReader, recommend: Recommend, deezer: DeezerSimilarCandidates | None = None
) -> None:
    """At shutdown: the counters of this run in one log line (requests, refusals, caches, AI calls, fallbacks,
    failures), then the HTTP client goes."""
    stats = recommend.stats()
    log.info(
        "recommendations closed",
        requests=stats.requests,
        rate_limited=stats.rate_limited,
        nothing_found=stats.nothing_found,
        intent_cache_hits=stats.intents.hits,
        intent_cache_misses=stats.intents.misses,
        ai_calls=stats.extractor.ai_calls,
        ai_fallbacks=stats.extractor.fallbacks,
        ai_failures=stats.extractor.failures,
    )
    await reader.aclose()
    if deezer is not None:
        await deezer.aclose()
