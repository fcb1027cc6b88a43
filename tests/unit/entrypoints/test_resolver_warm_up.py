"""Readiness and the resolver's warm-up, asked through the `WarmingSource` port: not ready while the source warms
up, ready once warm, and ready but degraded (with why) when it stopped waiting for it. The real resolver's
worker processes: tests/integration/test_resolver_readiness.py."""

from __future__ import annotations

from musicbot.application.monitoring.checks import Readiness, ReadinessReport
from musicbot.application.source_ports import WarmUp
from musicbot.entrypoints.operations import ResolverWarmUp
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver


async def readiness_of(resolver: FakeTrackResolver) -> ReadinessReport:
    check = ResolverWarmUp.of(resolver)
    return await Readiness([check], notes=[check]).check()


async def test_a_source_warming_up_keeps_the_process_out_saying_why() -> None:
    resolver = FakeTrackResolver(ManualClock())
    resolver.warm = WarmUp(ready=False, detail="warming up (3 s, at most 60 s)")
    report = await readiness_of(resolver)
    assert not report.ready
    assert report.problems == {"yt-dlp workers": "warming up (3 s, at most 60 s)"}
    assert report.degraded == {}


async def test_a_warm_source_is_ready_and_nothing_is_degraded() -> None:
    report = await readiness_of(FakeTrackResolver(ManualClock()))
    assert report.ready and report.checked == ("yt-dlp workers",) and report.degraded == {}


async def test_a_source_that_stopped_waiting_is_ready_but_says_what_is_degraded() -> None:
    resolver = FakeTrackResolver(ManualClock())
    resolver.warm = WarmUp(ready=True, detail="not warm after 60 s: resolving on the bot's own threads")
    report = await readiness_of(resolver)
    assert report.ready
    assert report.degraded == {"yt-dlp workers": "not warm after 60 s: resolving on the bot's own threads"}


async def test_the_state_is_asked_at_each_check_not_once() -> None:
    resolver = FakeTrackResolver(ManualClock())
    resolver.warm = WarmUp(ready=False, detail="not started yet")
    check = ResolverWarmUp.of(resolver)
    readiness = Readiness([check], notes=[check])
    assert not (await readiness.check()).ready
    resolver.warm = WarmUp(ready=True)
    assert (await readiness.check()).ready
