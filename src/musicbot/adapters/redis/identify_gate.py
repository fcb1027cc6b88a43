"""`IdentifyGate` in Redis: a key per identify bucket, set only if absent and expiring after the spacing, so at
most one shard per bucket identifies per spacing across every process."""

from __future__ import annotations

import asyncio
import os

import redis.asyncio as aioredis

from musicbot.adapters.redis.client import KEY_PREFIX, translated


class RedisIdentifyGate:
    def __init__(self, client: aioredis.Redis, *, prefix: str = KEY_PREFIX, poll: float = 0.25) -> None:
        self._client = client
        self._prefix = prefix + "identify:"
        self._poll = poll
        self._me = str(os.getpid())

    async def wait_turn(self, bucket: int, *, spacing: float) -> None:
        key = f"{self._prefix}{bucket}"
        while True:
            async with translated():
                if await self._client.set(key, self._me, nx=True, px=max(1, round(spacing * 1000))):
                    return
            await asyncio.sleep(self._poll)
