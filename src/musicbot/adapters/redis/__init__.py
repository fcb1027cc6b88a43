"""Redis (redis-py's asyncio client): what several bot processes share. Every call that cannot reach Redis
raises `SharedStoreUnavailable`; redis-py opens a new connection on the next call, so the adapters reconnect
by themselves once Redis is back."""

from musicbot.adapters.redis.client import connect_redis
from musicbot.adapters.redis.identify_gate import RedisIdentifyGate
from musicbot.adapters.redis.rate_window import RedisRateWindow
from musicbot.adapters.redis.settings_feed import RedisSettingsFeed
from musicbot.adapters.redis.shared_cache import RedisSharedCache
from musicbot.adapters.redis.status_board import RedisStatusBoard

__all__ = [
    "RedisIdentifyGate",
    "RedisRateWindow",
    "RedisSettingsFeed",
    "RedisSharedCache",
    "RedisStatusBoard",
    "connect_redis",
]
