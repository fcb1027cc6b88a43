"""`SharedRateWindow` in Redis: a sorted set per member (a score per request, in Redis's own clock), checked and
counted by one Lua script, so two processes can never both take the last place."""

from __future__ import annotations

import secrets

import redis.asyncio as aioredis

from musicbot.adapters.redis.client import KEY_PREFIX, translated

# Times in microseconds of Redis's clock (exact in a Lua double until the year 2255). Returns 0 (counted) or the
# microseconds to wait.
_HIT = """
local key = KEYS[1]
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local burst, burst_window = tonumber(ARGV[3]), tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local wait = 0
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + window - now)
end
if count >= burst then
  local nth = redis.call('ZRANGE', key, -burst, -burst, 'WITHSCORES')
  wait = math.max(wait, tonumber(nth[2]) + burst_window - now)
end
if wait > 0 then return wait end
redis.call('ZADD', key, now, now .. ':' .. ARGV[5])
redis.call('PEXPIRE', key, math.ceil(window / 1000))
return 0
"""


class RedisRateWindow:
    def __init__(self, client: aioredis.Redis, *, prefix: str = KEY_PREFIX) -> None:
        self._script = client.register_script(_HIT)
        self._prefix = prefix + "rate:"

    async def hit(self, user: str, *, limit: int, window: float, burst: int, burst_window: float) -> float:
        args: list[int | str] = [limit, round(window * 1e6), burst, round(burst_window * 1e6), secrets.token_hex(4)]
        async with translated():
            waited = await self._script(keys=[self._prefix + user], args=args)
        return max(0.0, int(waited) / 1e6)
