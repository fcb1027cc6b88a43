"""Ports for state shared between processes (adapters: `adapters.redis`). Each may fail with
`SharedStoreUnavailable`; the callers then fall back to what this process knows alone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from musicbot.application.support.caching.shared_store import SharedCache, SharedStoreUnavailable
from musicbot.domain.ids import GuildId

__all__ = [
    "IdentifyGate",
    "SettingsChangeFeed",
    "SharedCache",
    "SharedRateWindow",
    "SharedStoreUnavailable",
    "StatusBoard",
]


class SharedRateWindow(Protocol):
    async def hit(self, user: str, *, limit: int, window: float, burst: int, burst_window: float) -> float:
        """Count a request of `user` and return 0, or count nothing and return the seconds until one would be
        accepted: `limit` per `window` seconds, `burst` per `burst_window`, over every process."""
        ...


class SettingsChangeFeed(Protocol):
    async def publish(self, guild_id: GuildId) -> None:
        """Tell the other processes the guild's settings changed (never raises: a lost notice is logged)."""
        ...

    async def listen(
        self, changed: Callable[[GuildId], Awaitable[None]], resync: Callable[[], Awaitable[None]]
    ) -> None:
        """Until cancelled: `changed` for each guild another process changed; `resync` after a gap in which
        notices may have been missed (the feed reconnected)."""
        ...


class StatusBoard(Protocol):
    async def publish(self, instance: str, figures: dict[str, Any], ttl: float) -> None:
        """This process's figures, gone after `ttl` seconds unless published again."""
        ...

    async def read_all(self) -> dict[str, dict[str, Any]]:
        """Every live process's figures, by instance."""
        ...


class IdentifyGate(Protocol):
    async def wait_turn(self, bucket: int, *, spacing: float) -> None:
        """Return when this process may identify in `bucket` (shard id modulo max_concurrency): at most one
        identify per bucket every `spacing` seconds across processes."""
        ...
