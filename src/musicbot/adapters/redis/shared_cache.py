"""`SharedCache` in Redis: a string key per entry with Redis's own expiry (PX), so an entry dies on time in every
process whatever their clocks say."""

from __future__ import annotations

import redis.asyncio as aioredis

from musicbot.adapters.redis.client import KEY_PREFIX, translated


class RedisSharedCache:
    def __init__(self, client: aioredis.Redis, *, prefix: str = KEY_PREFIX) -> None:
        self._client = client
        self._prefix = prefix + "cache:"

    async def get(self, key: str) -> str | None:
        async with translated():
            value = await self._client.get(self._prefix + key)
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)

    async def put(self, key: str, value: str, ttl: float) -> None:
        milliseconds = round(ttl * 1000)
        if milliseconds < 1:
            return  # already dead: nothing to share
        async with translated():
            await self._client.set(self._prefix + key, value.encode(), px=milliseconds)
