"""`SettingsChangeFeed` over Redis pub/sub: one channel, messages `<origin> <guild id>`; a process ignores its own.
Pub/sub keeps nothing for a subscriber that is away, so after a reconnection the listener asks for a resync."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from musicbot.adapters.redis.client import KEY_PREFIX
from musicbot.domain.ids import GuildId

log = logging.getLogger(__name__)


class RedisSettingsFeed:
    def __init__(
        self, client: aioredis.Redis, *, origin: str, prefix: str = KEY_PREFIX, retry_delay: float = 1.0
    ) -> None:
        self._client = client
        self._origin = origin
        self._channel = prefix + "guild-settings"
        self._retry_delay = retry_delay
        self.subscribed = asyncio.Event()  # set while listening (tests wait on it)

    async def publish(self, guild_id: GuildId) -> None:
        try:
            await self._client.publish(self._channel, f"{self._origin} {guild_id}")
        except (RedisError, OSError) as error:
            log.warning("could not tell the other processes a server's settings changed: %s", error)

    async def listen(
        self, changed: Callable[[GuildId], Awaitable[None]], resync: Callable[[], Awaitable[None]]
    ) -> None:
        failed = False
        while True:
            try:
                async with self._client.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self.subscribed.set()
                    if failed:  # notices sent while away are lost: read every cached guild again
                        failed = False
                        log.warning("settings changes from other processes are heard again")
                        await resync()
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await self._received(message["data"], changed)
            except (RedisError, OSError) as error:
                self.subscribed.clear()
                if not failed:
                    log.warning("settings changes from other processes are not heard (Redis: %s); retrying", error)
                failed = True
                await asyncio.sleep(self._retry_delay)

    async def _received(self, data: bytes, changed: Callable[[GuildId], Awaitable[None]]) -> None:
        origin, _, guild = data.decode(errors="replace").partition(" ")
        if origin == self._origin or not guild.isdigit():
            return
        await changed(GuildId(int(guild)))
