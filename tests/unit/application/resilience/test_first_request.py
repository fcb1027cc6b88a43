"""A user's first request to a source that is down hears why it failed, not that the source "is failing right
now": with the bot's default settings, one request's own tries do not open the breaker."""

from __future__ import annotations

import pytest

from musicbot.application.errors import TrackUnavailable
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.application.support.resilience.guard import SourceGuard
from musicbot.application.support.resilience.resolver import ResilientTrackResolver
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.domain.ids import UserId
from musicbot.entrypoints.settings import Settings
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.resilience.doubles import RecordingSleep


async def test_one_request_to_a_source_that_is_down_does_not_open_its_breaker() -> None:
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    clock = ManualClock()
    inner = FakeTrackResolver(clock)
    inner.fail_next("never gonna give you up", times=100, error=TrackUnavailable("could not connect", transient=True))
    settings = ResilienceSettings(
        retry_attempts=defaults.resolve_retry_attempts, breaker_failure_threshold=defaults.breaker_failure_threshold
    )
    guard = SourceGuard.from_settings(settings, clock=clock, sleep=RecordingSleep(), random=lambda: 0.5)
    resolver = ResilientTrackResolver(inner, guard=guard, clock=clock, settings=settings)
    preparer = SongPreparer(resolver=resolver, clock=clock, max_attempts=defaults.max_song_attempts)

    with pytest.raises(TrackUnavailable, match="could not connect") as first:
        await preparer.prepare(preparer.new_song("never gonna give you up", UserId(1)))
    assert not isinstance(first.value, SourceUnavailable)
    assert resolver.stats().failing_sources == ()
