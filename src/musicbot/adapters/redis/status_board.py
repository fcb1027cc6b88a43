"""`StatusBoard` in Redis: a key per process with its figures as JSON and a time to live."""

from __future__ import annotations

import json
from typing import Any

import redis.asyncio as aioredis

from musicbot.adapters.redis.client import KEY_PREFIX, translated


class RedisStatusBoard:
    def __init__(self, client: aioredis.Redis, *, prefix: str = KEY_PREFIX) -> None:
        self._client = client
        self._prefix = prefix + "status:"

    async def publish(self, instance: str, figures: dict[str, Any], ttl: float) -> None:
        async with translated():
            await self._client.set(self._prefix + instance, json.dumps(figures), px=max(1, round(ttl * 1000)))

    async def read_all(self) -> dict[str, dict[str, Any]]:
        async with translated():
            keys = [key async for key in self._client.scan_iter(match=self._prefix + "*", count=100)]
            values = await self._client.mget(keys) if keys else []
        found: dict[str, dict[str, Any]] = {}
        for key, value in zip(keys, values, strict=True):
            if value is not None:
                found[key.decode().removeprefix(self._prefix)] = json.loads(value)
        return found
