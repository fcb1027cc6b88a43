"""Limits of recommending and radio, read from settings at the edge and passed in."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendationSettings:
    max_prompt_length: int = 300
    # What prompts meant (the AI's answers are the costly part) and the candidates found for an intent.
    intent_cache_size: int = 1024
    intent_cache_ttl: float = 6 * 3600.0
    fallback_intent_ttl: float = 60.0  # what the lexicon read while the AI service failed: the AI may be back soon
    candidate_cache_size: int = 256
    candidate_cache_ttl: float = 300.0
    # Per user: at most `rate_limit` requests in any `rate_window` seconds, `burst` of them within `burst_window`.
    rate_limit: int = 10
    rate_window: float = 60.0
    burst: int = 3
    burst_window: float = 10.0
    # Each candidate source answers within this or is left out; how many candidates each is asked for.
    source_timeout: float = 4.0
    candidates_per_source: int = 40
    max_per_artist: int = 2
    # The guild's last plays that a recommendation leaves out (what is queued is always left out).
    exclude_recent: int = 20
    # Radio: songs added each time the queue is about to run out, and how many last plays never come back.
    radio_batch: int = 3
    radio_no_repeat: int = 50

    def __post_init__(self) -> None:
        for field in fields(self):
            if getattr(self, field.name) <= 0 and field.name != "exclude_recent":
                raise ValueError(f"{field.name} must be positive ({getattr(self, field.name)})")
        if self.exclude_recent < 0:
            raise ValueError(f"exclude_recent cannot be negative ({self.exclude_recent})")
        if self.burst > self.rate_limit or self.burst_window > self.rate_window:
            raise ValueError("a burst is at most rate_limit requests, within at most rate_window seconds")
