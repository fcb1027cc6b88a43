"""The store several processes share (Redis, through `adapters.redis`), as the generic caches see it: here rather
than in `scale/` because caches are support machinery every feature may use (`scale.ports` re-exports both)."""

from __future__ import annotations

from typing import Protocol


class SharedStoreUnavailable(Exception):
    """The shared store (Redis) cannot be reached now; the message says why."""


class SharedCache(Protocol):
    """Text values by key, each kept at most `ttl` seconds, seen by every process (the second tier behind each
    process's own in-memory caches)."""

    async def get(self, key: str) -> str | None:
        """The live value under `key`, or None."""
        ...

    async def put(self, key: str, value: str, ttl: float) -> None:
        """Keep `value` under `key` for `ttl` seconds (replacing what was there)."""
        ...
