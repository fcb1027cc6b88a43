"""`FakeSharedCache`: the `SharedCache` port in a dict, timed by the test's clock; `down` makes it fail as a
Redis that went away does."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from musicbot.application.scale.ports import SharedStoreUnavailable
from musicbot.application.support.clock import Clock


class FakeSharedCache:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._entries: dict[str, tuple[str, datetime]] = {}
        self.down = False
        self.calls = 0  # gets and puts that reached the store (down or not)

    def __len__(self) -> int:
        now = self._clock.now()
        return sum(deadline > now for _, deadline in self._entries.values())

    async def get(self, key: str) -> str | None:
        self._reach()
        found = self._entries.get(key)
        if found is None or found[1] <= self._clock.now():
            return None
        return found[0]

    async def put(self, key: str, value: str, ttl: float) -> None:
        self._reach()
        self._entries[key] = (value, self._clock.now() + timedelta(seconds=ttl))

    def ttl_of(self, key_part: str) -> list[float]:
        """Seconds left of every entry whose key holds `key_part` (a namespace)."""
        now = self._clock.now()
        return [(deadline - now).total_seconds() for key, (_, deadline) in self._entries.items() if key_part in key]

    def damage(self) -> None:
        """Every value becomes text no codec reads (another version's format)."""
        self._entries = {key: ("{not json", deadline) for key, (_, deadline) in self._entries.items()}

    def _reach(self) -> None:
        self.calls += 1
        if self.down:
            raise SharedStoreUnavailable("Connection refused")


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fake drifts from its port
    from musicbot.application.scale.ports import SharedCache
    from tests.fakes.clock import ManualClock

    _cache: SharedCache = FakeSharedCache(ManualClock())
