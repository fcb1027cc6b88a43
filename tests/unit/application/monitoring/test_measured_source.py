"""Resolutions are timed and their failures counted by source; the last failure is kept for /admin health."""

from __future__ import annotations

import asyncio

import pytest

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.application.errors import TrackUnavailable
from musicbot.application.monitoring.measured_source import MeasuredSource
from tests.fakes.clock import ManualClock
from tests.fakes.resolver import FakeTrackResolver


async def test_each_resolution_is_timed_by_source_and_failures_are_noted() -> None:
    clock = ManualClock()
    inner = FakeTrackResolver(clock)
    inner.track("https://www.youtube.com/watch?v=abc", title="A")
    inner.add("https://example.com/gone.mp3", TrackUnavailable("HTTP Error 404"))
    metrics = PrometheusMetrics()
    source = MeasuredSource(inner, metrics=metrics, clock=clock, search_source="youtube")  # type: ignore[arg-type]

    await source.resolve("https://www.youtube.com/watch?v=abc")
    with pytest.raises(TrackUnavailable):
        await source.resolve("https://example.com/gone.mp3")

    text = metrics.exposition().decode()
    assert 'musicbot_resolution_seconds_count{source="youtube"} 1.0' in text
    assert 'musicbot_resolution_seconds_count{source="http"} 1.0' in text  # any other site: one bounded label
    assert 'musicbot_resolution_failures_total{source="http"} 1.0' in text
    assert 'musicbot_resolution_failures_total{source="youtube"}' not in text
    assert source.failures == 1
    assert source.last_failure is not None
    assert (source.last_failure.source, source.last_failure.reason) == ("http:example.com", "HTTP Error 404")


async def test_a_cancelled_resolution_is_not_a_failure_of_the_source() -> None:
    clock = ManualClock()
    inner = FakeTrackResolver(clock)
    inner.track("slow words", title="Slow")
    inner.block()
    metrics = PrometheusMetrics()
    source = MeasuredSource(inner, metrics=metrics, clock=clock, search_source="youtube")  # type: ignore[arg-type]
    task = asyncio.create_task(source.resolve("slow words"))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert source.failures == 0 and source.last_failure is None
    assert "musicbot_resolution_seconds_count" not in metrics.exposition().decode()
