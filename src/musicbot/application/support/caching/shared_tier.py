"""The part of a cache that several processes share (a `SharedCache`, Redis), behind each process's own
in-memory cache. `SharedTier` keeps values of one kind as JSON through a codec; whatever cannot be read back
(another version's format, damaged data) is a miss. `GuardedSharedCache` makes the store unreachable a miss
too, never an error: one warning, then the store is not asked for `pause` seconds (a store that hangs must not
add its timeout to every resolution), then it is tried again."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from musicbot.application.support.caching.shared_store import SharedCache, SharedStoreUnavailable
from musicbot.application.support.clock import Clock
from musicbot.domain.errors import MusicBotError

log = logging.getLogger(__name__)

V = TypeVar("V")
FORMAT = "v1"  # in every key: a process of another version with another format never reads this one's entries


class GuardedSharedCache:
    """`store` for one feature (`what`, in the warnings); `get` answers None and `put` does nothing while it
    cannot be reached."""

    def __init__(self, store: SharedCache, *, clock: Clock, what: str, pause: float = 5.0) -> None:
        self._store = store
        self._clock = clock
        self._what = what
        self._pause = timedelta(seconds=pause)
        self._paused_until: datetime | None = None
        self._failing = False

    async def get(self, key: str) -> str | None:
        if self._paused():
            return None
        try:
            value = await self._store.get(key)
        except SharedStoreUnavailable as error:
            self._failed(error)
            return None
        self._answered()
        return value

    async def put(self, key: str, value: str, ttl: float) -> None:
        if self._paused():
            return
        try:
            await self._store.put(key, value, ttl)
        except SharedStoreUnavailable as error:
            self._failed(error)
            return
        self._answered()

    def _paused(self) -> bool:
        return self._paused_until is not None and self._clock.now() < self._paused_until

    def _failed(self, error: SharedStoreUnavailable) -> None:
        if not self._failing:
            log.warning("shared %s unavailable (%s): this process's own cache only, for now", self._what, error)
        self._failing = True
        self._paused_until = self._clock.now() + self._pause

    def _answered(self) -> None:
        if self._failing:
            log.warning("shared %s are back", self._what)
        self._failing = False
        self._paused_until = None


class SharedTier(Generic[V]):
    def __init__(
        self,
        store: GuardedSharedCache,
        *,
        namespace: str,
        encode: Callable[[V], Any],
        decode: Callable[[Any], V],
    ) -> None:
        self._store = store
        self._namespace = f"{FORMAT}:{namespace}:"
        self._encode, self._decode = encode, decode
        self.hits = 0
        self.misses = 0

    async def get(self, key: str) -> V | None:
        text = await self._store.get(self._key(key))
        if text is None:
            self.misses += 1
            return None
        try:
            value = self._decode(json.loads(text))
        except (ValueError, KeyError, TypeError, MusicBotError) as error:
            log.debug("a shared cache entry could not be read (%s): taken as a miss", error)
            self.misses += 1
            return None
        self.hits += 1
        return value

    async def put(self, key: str, value: V, ttl: float) -> None:
        if ttl > 0:
            await self._store.put(self._key(key), json.dumps(self._encode(value), separators=(",", ":")), ttl)

    def _key(self, key: str) -> str:
        # Hashed: user text and long URLs make short keys of safe characters.
        return self._namespace + hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
