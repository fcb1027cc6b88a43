"""The client every Redis adapter shares, with short timeouts: a Redis that hangs must not hold a command."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from musicbot.application.scale.ports import SharedStoreUnavailable

KEY_PREFIX = "musicbot:"


def connect_redis(url: str, *, timeout: float = 1.0) -> aioredis.Redis:
    """A pooled client (no connection yet: the first command opens one)."""
    return aioredis.Redis.from_url(
        url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=10
    )


@contextlib.asynccontextmanager
async def translated() -> AsyncIterator[None]:
    """Redis's and the socket's failures, said as `SharedStoreUnavailable`."""
    try:
        yield
    except (RedisError, OSError) as error:
        raise SharedStoreUnavailable(str(error) or type(error).__name__) from error
