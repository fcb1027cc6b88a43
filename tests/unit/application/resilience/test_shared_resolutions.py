"""Two resolver stacks (two processes) over one shared cache: what one resolved the other does not resolve
again; streams keep their expiry; lasting failures are shared, passing ones are not; the store away or damaged
is a miss, never an error."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.resolver import ResilientTrackResolver
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.fakes.shared_cache import FakeSharedCache
from tests.unit.application.resilience.conftest import JITTER, SETTINGS
from tests.unit.application.resilience.doubles import RecordingSleep


class Process:
    """One process's resolver stack: its own inner resolver and local caches, the shared cache in common."""

    def __init__(self, clock: ManualClock, shared: FakeSharedCache, *, ttl: float | None = 3600) -> None:
        self.inner = FakeTrackResolver(clock, ttl=ttl)
        guard = SourceGuard.from_settings(SETTINGS, clock=clock, sleep=RecordingSleep(), random=lambda: JITTER)
        self.resolver = ResilientTrackResolver(self.inner, guard=guard, clock=clock, settings=SETTINGS, shared=shared)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def shared(clock: ManualClock) -> FakeSharedCache:
    return FakeSharedCache(clock)


async def test_a_query_resolved_by_one_process_is_not_resolved_by_another(
    clock: ManualClock, shared: FakeSharedCache
) -> None:
    first, second = Process(clock, shared), Process(clock, shared)
    first.inner.track("lofi beats")  # only the first process's source knows it: the second must not ask its own

    played = await first.resolver.resolve("lofi beats")
    heard = await second.resolver.resolve("  LoFi  Beats")
    again = await second.resolver.resolve("lofi beats")  # from the second's own cache now

    assert heard == played == again
    assert second.inner.resolve_calls == []
    assert (second.resolver.stats().shared_hits, second.resolver.stats().hits) == (1, 1)
    assert first.resolver.stats().shared_hits == 0


async def test_a_shared_stream_keeps_its_expiry(clock: ManualClock, shared: FakeSharedCache) -> None:
    first, second = Process(clock, shared, ttl=600), Process(clock, shared, ttl=600)
    first.inner.track("lofi")
    second.inner.track("lofi")
    played = await first.resolver.resolve("lofi")

    # Shared no longer than the stream lives, minus the margin (600 - 60 s), though the cache's TTL is 1800 s.
    assert max(shared.ttl_of("resolve-track")) == pytest.approx(540)
    clock.advance(539)
    assert await second.resolver.resolve("lofi") == played
    assert second.inner.resolve_calls == []

    clock.advance(1)  # dead everywhere now: the second process resolves it itself
    third = Process(clock, shared, ttl=600)
    third.inner.track("lofi")
    fresh = await third.resolver.resolve("lofi")
    assert fresh.stream_expires_at is not None and played.stream_expires_at is not None
    assert fresh.stream_expires_at > played.stream_expires_at
    assert third.inner.resolve_calls == ["lofi"]


async def test_a_lasting_failure_is_shared_a_passing_one_is_not(clock: ManualClock, shared: FakeSharedCache) -> None:
    first, second = Process(clock, shared), Process(clock, shared)
    with pytest.raises(NoResults):
        await first.resolver.resolve("nothing like this")
    with pytest.raises(NoResults) as shared_failure:
        await second.resolver.resolve("nothing like this")
    assert second.inner.resolve_calls == []
    assert shared_failure.value.query == "nothing like this"

    first.inner.track("flaky")
    first.inner.fail_next("flaky", times=3)  # every attempt times out
    with pytest.raises(TrackUnavailable):
        await first.resolver.resolve("flaky")
    second.inner.track("flaky")
    await second.resolver.resolve("flaky")  # not told "unavailable": it tried itself
    assert second.inner.resolve_calls == ["flaky"]


async def test_a_light_track_is_refreshed_from_what_another_process_resolved(
    clock: ManualClock, shared: FakeSharedCache
) -> None:
    first, second = Process(clock, shared), Process(clock, shared)
    light = first.inner.track("lofi")
    played = await first.resolver.resolve("lofi")

    assert await second.resolver.refresh(light) == played
    assert second.inner.refresh_calls == []

    clock.advance(1)
    mended = await second.resolver.refresh(played)  # a stream that broke is always asked for again...
    assert mended != played
    assert len(second.inner.refresh_calls) == 1
    third = Process(clock, shared)
    assert await third.resolver.refresh(replace(light)) == mended  # ...and the mended one is shared


async def test_the_store_away_resolves_locally_with_one_warning_then_shares_again(
    clock: ManualClock, shared: FakeSharedCache, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = Process(clock, shared), Process(clock, shared)
    for name in ("a", "b", "c"):
        first.inner.track(name)
        second.inner.track(name)
    shared.down = True
    with caplog.at_level(logging.WARNING):
        await first.resolver.resolve("a")
        calls = shared.calls
        await first.resolver.resolve("b")  # paused: the store is not asked again at once
        assert shared.calls == calls
    assert [r.message for r in caplog.records].count(
        "shared resolutions unavailable (Connection refused): this process's own cache only, for now"
    ) == 1

    shared.down = False
    clock.advance(5)
    with caplog.at_level(logging.WARNING):
        await first.resolver.resolve("c")
    assert "shared resolutions are back" in caplog.messages
    await second.resolver.resolve("c")
    assert second.inner.resolve_calls == []


async def test_a_damaged_entry_is_a_miss(clock: ManualClock, shared: FakeSharedCache) -> None:
    first, second = Process(clock, shared), Process(clock, shared)
    first.inner.track("lofi")
    second.inner.track("lofi")
    await first.resolver.resolve("lofi")
    shared.damage()

    await second.resolver.resolve("lofi")

    assert second.inner.resolve_calls == ["lofi"]
