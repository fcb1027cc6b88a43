"""`TtlLruCache`: a bounded map whose entries also expire, timed by the `Clock` port."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from musicbot.application.support.clock import Clock

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheStats:
    size: int
    max_size: int
    hits: int
    misses: int
    evictions: int  # live entries pushed out to make room
    expirations: int  # entries dropped because their time was up

    @property
    def hit_ratio(self) -> float:
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0


@dataclass(frozen=True, slots=True)
class _Entry(Generic[V]):
    value: V
    expires_at: datetime


class TtlLruCache(Generic[K, V]):
    """Least-recently-used eviction past `max_size` entries; an entry also lives at most `ttl` seconds.

    Every operation is O(1). Expired entries are dropped when met (a `get`, or the eviction of the least
    recently used entry), so `len` may count a few that are already dead (never more than `max_size` in all).
    `None` is not a value: `get` answers it for "not here".
    """

    def __init__(self, *, max_size: int, ttl: float, clock: Clock) -> None:
        if max_size < 1:
            raise ValueError(f"a cache holds at least one entry, not {max_size}")
        if ttl <= 0:
            raise ValueError(f"entries must live a positive time, not {ttl} s")
        self._max_size = max_size
        self._ttl = timedelta(seconds=ttl)
        self._clock = clock
        self._entries: OrderedDict[K, _Entry[V]] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self.evictions = 0
        self.expirations = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def max_size(self) -> int:
        return self._max_size

    def get(self, key: K) -> V | None:
        """The live value for `key` (now the most recently used), or None."""
        entry = self._entries.get(key)
        if entry is not None and self._clock.now() >= entry.expires_at:
            del self._entries[key]
            self.expirations += 1
            entry = None
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry.value

    def put(self, key: K, value: V, *, ttl: float | None = None, expires_at: datetime | None = None) -> None:
        """Keep `value` for `ttl` seconds (the cache's own by default), and never past `expires_at`.

        A value that would already be dead is not kept, and forgets what `key` held before.
        """
        now = self._clock.now()
        deadline = now + (self._ttl if ttl is None else timedelta(seconds=ttl))
        if expires_at is not None:
            deadline = min(deadline, expires_at)
        if deadline <= now:
            self._entries.pop(key, None)
            return
        if key in self._entries:
            self._entries.move_to_end(key)
        elif len(self._entries) >= self._max_size:
            _, oldest = self._entries.popitem(last=False)
            if now >= oldest.expires_at:
                self.expirations += 1
            else:
                self.evictions += 1
        self._entries[key] = _Entry(value, deadline)

    def invalidate(self, key: K) -> bool:
        """Forget `key`; True when it was there (alive or not)."""
        return self._entries.pop(key, None) is not None

    def clear(self) -> None:
        self._entries.clear()

    def stats(self) -> CacheStats:
        return CacheStats(
            size=len(self._entries),
            max_size=self._max_size,
            hits=self.hits,
            misses=self.misses,
            evictions=self.evictions,
            expirations=self.expirations,
        )
