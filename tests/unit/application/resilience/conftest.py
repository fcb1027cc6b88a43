"""A resilient resolver over the fake resolver, with a clock and a sleep that tests move by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.resolver import ResilientTrackResolver
from musicbot.application.support.resilience.settings import ResilienceSettings
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.resilience.doubles import RecordingSleep

# Round numbers to reason with: waits of 1, 2, 4 s before jitter; the breaker opens on the 3rd failure.
SETTINGS = ResilienceSettings(
    retry_attempts=3,
    retry_base_delay=1.0,
    retry_max_delay=4.0,
    breaker_failure_threshold=3,
    breaker_reset_after=30.0,
    cache_track_ttl=1800.0,
    cache_negative_ttl=60.0,
    stream_margin=60.0,
)
JITTER = 0.5  # what the random source always says: full jitter waits half the cap

ResolverFactory = Callable[..., ResilientTrackResolver]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def inner(clock: ManualClock) -> FakeTrackResolver:
    return FakeTrackResolver(clock, ttl=3600)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def make_guard(clock: ManualClock, sleep: RecordingSleep) -> Callable[[ResilienceSettings], SourceGuard]:
    def make(settings: ResilienceSettings) -> SourceGuard:
        return SourceGuard.from_settings(settings, clock=clock, sleep=sleep, random=lambda: JITTER)

    return make


@pytest.fixture
def make_resolver(
    inner: FakeTrackResolver, clock: ManualClock, make_guard: Callable[[ResilienceSettings], SourceGuard]
) -> ResolverFactory:
    """`make_resolver(breaker_failure_threshold=2)`: the test settings with some changed."""

    def make(**changes: Any) -> ResilientTrackResolver:
        settings = replace(SETTINGS, **changes)
        return ResilientTrackResolver(inner, guard=make_guard(settings), clock=clock, settings=settings)

    return make


@pytest.fixture
def resolver(make_resolver: ResolverFactory) -> ResilientTrackResolver:
    return make_resolver()
