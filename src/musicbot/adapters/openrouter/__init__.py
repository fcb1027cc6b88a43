"""OpenRouter (an OpenAI-compatible chat completions API) as the AI service that reads music requests."""

from musicbot.adapters.openrouter.extractor import DEFAULT_BASE_URL, OpenRouterIntentExtractor
from musicbot.adapters.openrouter.factory import build_intent_extractor

__all__ = ["DEFAULT_BASE_URL", "OpenRouterIntentExtractor", "build_intent_extractor"]
