"""Limits of the resolution cache, retries and circuit breakers, read from settings at the edge and passed in."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True, kw_only=True)
class ResilienceSettings:
    # Retries of transient failures, per call: waits of about base, 2*base, 4*base... capped, full jitter.
    retry_attempts: int = 3
    retry_base_delay: float = 0.5
    retry_max_delay: float = 4.0
    # A source failing this many times in a row is not called for `breaker_reset_after` seconds.
    breaker_failure_threshold: int = 5
    breaker_reset_after: float = 30.0
    breaker_max_sources: int = 256
    # Resolved tracks, also never kept past their stream's expiry minus `stream_margin`.
    cache_max_entries: int = 2048
    cache_track_ttl: float = 3600.0
    # What a query resolved to (search words -> a page): outlives the stream, which is fetched again.
    cache_query_ttl: float = 6 * 3600.0
    # A link that cannot play (no results, private, removed) is not extracted again for this long (0: off).
    cache_negative_ttl: float = 60.0
    # A stream this close to expiring is not handed out: it would break before the song got going.
    stream_margin: float = 60.0
    search_cache_ttl: float = 600.0
    listing_cache_ttl: float = 120.0
    # The source plain search words reach (see `search_source_for(default_search)`).
    search_source: str = "youtube"

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, int | float) and value < 0:
                raise ValueError(f"{field.name} cannot be negative ({value})")
        positive = (
            "retry_attempts",
            "breaker_failure_threshold",
            "breaker_reset_after",
            "breaker_max_sources",
            "cache_max_entries",
            "cache_track_ttl",
            "cache_query_ttl",
            "search_cache_ttl",
            "listing_cache_ttl",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive ({getattr(self, name)})")
        if self.retry_max_delay < self.retry_base_delay:
            raise ValueError("retry_max_delay cannot be below retry_base_delay")
        if not self.search_source.strip():
            raise ValueError("search_source cannot be empty")
