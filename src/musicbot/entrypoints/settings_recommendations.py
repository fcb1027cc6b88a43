"""The recommendations' settings (/recommend, /radio): OpenRouter, Deezer, radio, their caches and limits.

Declared apart from the rest of `Settings`, which inherits them: they are read from the same environment and `.env`
under the same MUSICBOT_ prefix, and `settings.recommend_cache_size` reads as before. What turns them into the
feature's own objects is `entrypoints/recommendations.py`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr, field_validator


def empty_is_unset(value: object) -> object:
    """`NAME=` in .env means "use the default", not an empty key or "the current directory"."""
    return None if isinstance(value, str) and not value.strip() else value


class RecommendationOptions(BaseModel):
    # Recommendations (/recommend, /radio). OpenRouter reads requests in plain words when a key is set; empty:
    # the offline lexicon alone, and nothing is sent anywhere. The lexicon also answers whenever OpenRouter fails.
    openrouter_api_key: SecretStr | None = None
    openrouter_model: str = Field(default="openai/gpt-4o-mini", min_length=1)
    openrouter_base_url: str = "https://openrouter.ai/api/v1"
    # Seconds for a whole answer (retries included) and for one HTTP request; tries on 429/5xx; a Retry-After
    # longer than this many seconds is not waited for (the lexicon answers meanwhile).
    openrouter_timeout: float = Field(default=8.0, gt=0)
    openrouter_request_timeout: float = Field(default=5.0, gt=0)
    openrouter_max_attempts: int = Field(default=2, ge=1, le=5)
    openrouter_max_retry_after: float = Field(default=5.0, ge=0)
    # Caches: requests understood (entries, seconds) and songs found for a request (entries, seconds).
    recommend_intent_cache_size: int = Field(default=1024, ge=1)
    recommend_intent_cache_ttl: float = Field(default=21600.0, gt=0)
    recommend_cache_size: int = Field(default=256, ge=1)
    recommend_cache_ttl: float = Field(default=300.0, gt=0)
    # Per user: at most `rate_limit` requests in `rate_window` seconds, `burst` of them within `burst_window`.
    recommend_rate_limit: int = Field(default=10, ge=1)
    recommend_rate_window: float = Field(default=60.0, gt=0)
    recommend_burst: int = Field(default=3, ge=1)
    recommend_burst_window: float = Field(default=10.0, gt=0)
    # Longest request; seconds each song source (search, history) may take; songs by one artist per answer;
    # the guild's last plays an answer leaves out.
    recommend_max_prompt_length: int = Field(default=300, ge=1, le=2000)
    recommend_source_timeout: float = Field(default=6.0, gt=0)
    recommend_max_per_artist: int = Field(default=2, ge=1)
    recommend_exclude_recent: int = Field(default=20, ge=0)
    # How many of a guild's last plays its history is read from (songs played together, favourites).
    recommend_history_plays: int = Field(default=1000, ge=1, le=100_000)
    # Deezer's public API (no key) for songs like the artists a request names, and for radio; `off`: off. (An
    # empty variable would be ignored, as every empty MUSICBOT_* variable is, and leave Deezer on.)
    deezer_api_url: str = "https://api.deezer.com"
    deezer_timeout: float = Field(default=4.0, gt=0)
    # Radio: songs added each time the queue runs low, and how many last plays never come back.
    radio_batch_size: int = Field(default=3, ge=1, le=25)
    radio_no_repeat: int = Field(default=50, ge=1, le=10_000)

    @field_validator("openrouter_api_key", mode="before")
    @classmethod
    def _empty_key_is_unset(cls, value: object) -> object:  # not `Settings`'s name: that one would replace it
        return empty_is_unset(value)

    @field_validator("deezer_api_url", mode="before")
    @classmethod
    def _deezer_off(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in {"off", "none", "false", "0", ""}:
            return ""
        return value
