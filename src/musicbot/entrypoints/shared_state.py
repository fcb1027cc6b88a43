"""What this process shares with the others (MUSICBOT_REDIS_URL), or nothing: every part is None without Redis,
and the callers then keep everything in this process, as a single process always did."""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from musicbot.entrypoints.settings import Settings

if TYPE_CHECKING:
    import redis.asyncio as aioredis

    from musicbot.adapters.redis import (
        RedisIdentifyGate,
        RedisRateWindow,
        RedisSettingsFeed,
        RedisSharedCache,
        RedisStatusBoard,
    )


def instance_name() -> str:
    """This process among the others: host, process id and a random part. Host and pid alone are not unique:
    containers on the host's network share its hostname, and each has its own pid 1, 2, ... (two bots of
    `docker compose --profile cluster` were one process in /api/status and ignored each other's settings)."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"


@dataclass(slots=True)
class SharedState:
    instance: str = field(default_factory=instance_name)
    client: aioredis.Redis | None = None
    rate_window: RedisRateWindow | None = None
    settings_feed: RedisSettingsFeed | None = None
    status_board: RedisStatusBoard | None = None
    identify_gate: RedisIdentifyGate | None = None
    cache: RedisSharedCache | None = None  # resolutions and recommendation candidates

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()


def shared_state(settings: Settings) -> SharedState:
    if settings.redis_url is None:
        return SharedState()
    from musicbot.adapters.redis import (
        RedisIdentifyGate,
        RedisRateWindow,
        RedisSettingsFeed,
        RedisSharedCache,
        RedisStatusBoard,
        connect_redis,
    )

    state = SharedState()
    client = connect_redis(settings.redis_url.get_secret_value())
    state.client = client
    state.rate_window = RedisRateWindow(client)
    state.settings_feed = RedisSettingsFeed(client, origin=state.instance)
    state.status_board = RedisStatusBoard(client)
    state.identify_gate = RedisIdentifyGate(client)
    state.cache = RedisSharedCache(client)
    return state
