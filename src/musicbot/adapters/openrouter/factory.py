"""The intent extractor the settings ask for: OpenRouter with the lexicon behind it, or the lexicon alone."""

from __future__ import annotations

import httpx

from musicbot.adapters.openrouter.extractor import DEFAULT_BASE_URL, OpenRouterIntentExtractor
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.offline import LexiconIntentExtractor
from musicbot.application.support.clock import Clock


def build_intent_extractor(
    *,
    api_key: str | None,
    model: str,
    clock: Clock,
    base_url: str = DEFAULT_BASE_URL,
    timeout: float = 8.0,
    request_timeout: float = 5.0,
    max_attempts: int = 2,
    max_retry_after: float = 5.0,
    client: httpx.AsyncClient | None = None,
) -> FallbackIntentExtractor:
    """No key (None or blank): the lexicon alone, and nothing is ever sent anywhere."""
    if not api_key or not api_key.strip():
        return FallbackIntentExtractor(None, LexiconIntentExtractor())
    primary = OpenRouterIntentExtractor(
        api_key=api_key,
        model=model,
        clock=clock,
        base_url=base_url,
        timeout=timeout,
        request_timeout=request_timeout,
        max_attempts=max_attempts,
        max_retry_after=max_retry_after,
        client=client,
    )
    # The composite's own limit is a backstop a little past the adapter's: the adapter normally gives up first.
    return FallbackIntentExtractor(primary, LexiconIntentExtractor(), timeout=timeout + 1.0)
