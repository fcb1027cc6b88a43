"""Random sequences of cache operations against a model: a list in recency order and a table of deadlines."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from musicbot.application.support.caching.ttl_cache import TtlLruCache
from tests.fakes.clock import ManualClock

keys = st.integers(min_value=0, max_value=7)  # few keys: hits, replacements and evictions all come up
ttls = st.none() | st.floats(min_value=0.5, max_value=30)
steps = st.floats(min_value=0, max_value=20)


class CacheMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = ManualClock()
        self.cache: TtlLruCache[int, int] = TtlLruCache(max_size=1, ttl=10, clock=self.clock)
        self.max_size = 1
        self.ttl = 10.0
        # the model: keys least recently used first, and what each holds until when
        self.order: list[int] = []
        self.held: dict[int, tuple[int, datetime]] = {}
        self.version = 0

    @initialize(max_size=st.integers(min_value=1, max_value=5), ttl=st.floats(min_value=1, max_value=20))
    def start(self, max_size: int, ttl: float) -> None:
        self.cache = TtlLruCache(max_size=max_size, ttl=ttl, clock=self.clock)
        self.max_size = max_size
        self.ttl = ttl

    def _put(self, key: int, ttl: float | None) -> int:
        self.version += 1
        self.cache.put(key, self.version, ttl=ttl)
        if key in self.held:
            self.order.remove(key)
        elif len(self.order) >= self.max_size:
            del self.held[self.order.pop(0)]
        self.order.append(key)
        self.held[key] = (self.version, self.clock.now() + timedelta(seconds=self.ttl if ttl is None else ttl))
        return self.version

    @rule(key=keys, ttl=ttls)
    def put(self, key: int, ttl: float | None) -> None:
        self._put(key, ttl)

    @rule(key=keys, ttl=ttls)
    def put_then_get_hits(self, key: int, ttl: float | None) -> None:
        version = self._put(key, ttl)
        assert self.cache.get(key) == version

    @rule(key=keys)
    def get(self, key: int) -> None:
        got = self.cache.get(key)
        if key in self.held and self.clock.now() < self.held[key][1]:
            assert got == self.held[key][0]
            self.order.remove(key)
            self.order.append(key)
        else:
            assert got is None  # never a value past its deadline
            if key in self.held:
                self.order.remove(key)
                del self.held[key]

    @rule(key=keys)
    def invalidate(self, key: int) -> None:
        assert self.cache.invalidate(key) is (key in self.held)
        if key in self.held:
            self.order.remove(key)
            del self.held[key]

    @rule(seconds=steps)
    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @invariant()
    def bounded(self) -> None:
        assert len(self.cache) <= self.max_size
        assert len(self.cache) == len(self.order)

    @invariant()
    def counters_add_up(self) -> None:
        stats = self.cache.stats()
        assert stats.size == len(self.cache)
        assert min(stats.hits, stats.misses, stats.evictions, stats.expirations) >= 0


TestCache = CacheMachine.TestCase
