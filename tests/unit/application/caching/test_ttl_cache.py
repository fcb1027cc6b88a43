from datetime import timedelta

import pytest

from musicbot.application.support.caching.ttl_cache import CacheStats, TtlLruCache
from tests.fakes.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def make_cache(clock: ManualClock, *, max_size: int = 3, ttl: float = 60) -> TtlLruCache[str, int]:
    return TtlLruCache(max_size=max_size, ttl=ttl, clock=clock)


def test_a_value_put_is_got_back_until_its_ttl_runs_out(clock: ManualClock) -> None:
    cache = make_cache(clock)
    cache.put("a", 1)

    clock.advance(59.9)
    assert cache.get("a") == 1
    clock.advance(0.1)
    assert cache.get("a") is None
    assert cache.stats() == CacheStats(size=0, max_size=3, hits=1, misses=1, evictions=0, expirations=1)


def test_the_least_recently_used_entry_makes_room(clock: ManualClock) -> None:
    cache = make_cache(clock)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        cache.put(key, value)
    assert cache.get("a") == 1  # "b" is now the least recently used

    cache.put("d", 4)

    assert [cache.get(key) for key in "abcd"] == [1, None, 3, 4]
    assert cache.evictions == 1


def test_putting_an_existing_key_replaces_it_without_evicting(clock: ManualClock) -> None:
    cache = make_cache(clock, max_size=2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)

    assert len(cache) == 2
    assert cache.get("a") == 10
    assert cache.evictions == 0


def test_an_entry_ttl_overrides_the_cache_ttl(clock: ManualClock) -> None:
    cache = make_cache(clock, ttl=60)
    cache.put("short", 1, ttl=5)
    cache.put("long", 2, ttl=600)

    clock.advance(100)

    assert cache.get("short") is None
    assert cache.get("long") == 2


def test_an_entry_never_outlives_its_expiry(clock: ManualClock) -> None:
    cache = make_cache(clock, ttl=3600)
    cache.put("stream", 1, expires_at=clock.now() + timedelta(seconds=30))
    cache.put("later", 2, expires_at=clock.now() + timedelta(hours=5))  # the TTL still bounds it

    clock.advance(30)
    assert cache.get("stream") is None
    assert cache.get("later") == 2
    clock.advance(3570)
    assert cache.get("later") is None


def test_a_value_already_dead_is_not_kept_and_drops_the_old_one(clock: ManualClock) -> None:
    cache = make_cache(clock)
    cache.put("a", 1)

    cache.put("a", 2, expires_at=clock.now())

    assert cache.get("a") is None
    assert len(cache) == 0


def test_evicting_a_dead_entry_counts_as_an_expiration(clock: ManualClock) -> None:
    cache = make_cache(clock, max_size=1)
    cache.put("a", 1, ttl=1)
    clock.advance(2)

    cache.put("b", 2)

    assert (cache.evictions, cache.expirations) == (0, 1)


def test_invalidate_and_clear(clock: ManualClock) -> None:
    cache = make_cache(clock, max_size=10)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)

    assert cache.invalidate("a") is True
    assert cache.invalidate("a") is False
    assert len(cache) == 2
    cache.clear()
    assert len(cache) == 0


def test_hit_ratio() -> None:
    assert CacheStats(size=0, max_size=1, hits=0, misses=0, evictions=0, expirations=0).hit_ratio == 0
    assert CacheStats(size=0, max_size=1, hits=3, misses=1, evictions=0, expirations=0).hit_ratio == 0.75


@pytest.mark.parametrize(("max_size", "ttl"), [(0, 1), (1, 0), (1, -1)])
def test_refuses_nonsense_limits(clock: ManualClock, max_size: int, ttl: float) -> None:
    with pytest.raises(ValueError):
        make_cache(clock, max_size=max_size, ttl=ttl)
