"""/readyz and yt-dlp's worker processes, for real: not ready while they warm up, ready once warm; and a yt-dlp
that never warms (stuck, broken) keeps the process out only for MUSICBOT_RESOLVER_WARM_TIMEOUT, after which it is
ready, says it is degraded, and warns (the requests then run on the bot's own threads)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.adapters.ytdlp.process_pool import YtDlpProcessPool
from musicbot.application.monitoring.checks import Readiness
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.application.source_ports import WarmUp
from musicbot.entrypoints.operations import ResolverWarmUp
from musicbot.entrypoints.web import OpsServer
from tests.fakes.clock import ManualClock
from tests.integration.test_ops_server import get
from tests.support.media_server import MediaServer
from tests.support.ytdlp_workers import build_broken, build_hanging


@pytest.fixture
async def readyz() -> AsyncIterator[Callable[[Callable[[], WarmUp]], Any]]:
    """Serves /readyz over a `ResolverWarmUp` of the given state; returns a getter of (status, body)."""
    servers: list[OpsServer] = []

    async def serve(state: Callable[[], WarmUp]) -> Callable[[], Any]:
        metrics = PrometheusMetrics()
        check = ResolverWarmUp(state)
        server = OpsServer(
            host="127.0.0.1", port=0, watch=LoopWatch(metrics), readiness=Readiness([check], notes=[check]),
            metrics=metrics, status=dict,
        )  # fmt: skip
        assert await server.start()
        servers.append(server)

        async def ask() -> tuple[int, dict[str, Any]]:
            status, body = await asyncio.to_thread(get, f"http://127.0.0.1:{server.port}/readyz")
            return status, json.loads(body)

        return ask

    yield serve
    for server in servers:
        await server.stop()


async def until_ready(ask: Callable[[], Any], patience: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        status, body = await ask()
        if status == 200:
            return dict(body)
        await asyncio.sleep(0.1)
    raise AssertionError(f"/readyz never said ready: {body}")


async def test_not_ready_until_the_workers_are_warm(readyz: Any, media_server: MediaServer) -> None:
    resolver = YtDlpTrackResolver(clock=ManualClock(datetime.now(UTC)), allow_private_urls=True, processes=2)
    ask = await readyz(resolver.warm_up_state)
    try:
        status, body = await ask()
        assert status == 503
        assert body["not_ready"] == {"yt-dlp workers": "yt-dlp's worker processes are not started yet"}
        await resolver.warm_up()  # returns at once: the fork server has yet to import yt-dlp
        status, body = await ask()
        assert status == 503 and "warming up" in body["not_ready"]["yt-dlp workers"]
        assert not resolver.workers_warm
        body = await until_ready(ask)
        assert resolver.workers_warm  # ready means the workers take the first burst, not the bot's threads
        assert body == {"ready": True, "checked": ["yt-dlp workers"]}  # nothing degraded
        assert (await resolver.resolve(media_server.url("/media/tone440.wav"))).title == "tone440"
    finally:
        resolver.close()


def _end(pool: YtDlpProcessPool) -> None:
    processes = dict(getattr(pool._executor, "_processes", None) or {})  # the stuck workers, ended by the test
    pool.close()
    for process in processes.values():
        process.kill()


async def test_workers_that_never_warm_keep_the_process_out_for_the_timeout_only(
    readyz: Any, caplog: pytest.LogCaptureFixture
) -> None:
    pool = YtDlpProcessPool(build_hanging, {}, processes=1, warm_within=2.0)
    ask = await readyz(pool.warm_up)
    try:
        pool.start()
        status, body = await ask()
        assert status == 503 and "warming up" in body["not_ready"]["yt-dlp workers"]
        with caplog.at_level(logging.WARNING):
            body = await until_ready(ask)
        assert body["degraded"] == {
            "yt-dlp workers": "yt-dlp's worker processes not warm after 2 s: resolving on the bot's own threads "
            "(slower under load)"
        }
        assert not pool.warm  # the requests stay on the threads
        assert any("not warm after 2 s" in record.getMessage() for record in caplog.records)
    finally:
        _end(pool)


async def test_workers_that_cannot_start_leave_the_process_ready_on_its_threads(
    readyz: Any, caplog: pytest.LogCaptureFixture
) -> None:
    pool = YtDlpProcessPool(build_broken, {}, processes=2, warm_within=600.0)
    ask = await readyz(pool.warm_up)
    try:
        with caplog.at_level(logging.WARNING):
            pool.start()
            assert not await asyncio.to_thread(pool.wait_warm, 60)
            body = await until_ready(ask, patience=5)  # at once: no waiting for the timeout
        assert not pool.warm  # a broken set never takes a job (it answered "shutting down" to every one)
        said = body["degraded"]["yt-dlp workers"]
        assert said.startswith("yt-dlp's worker processes could not start (") and "bot's own threads" in said
        assert any("could not start" in record.getMessage() for record in caplog.records)
    finally:
        pool.close()
