"""The operations HTTP server for real: /livez against a stalled event loop, /readyz as PostgreSQL goes away and
comes back (through a TCP proxy the test cuts), /metrics and /api/status, and a port already in use."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.adapters.sql import create_database
from musicbot.adapters.sql.monitoring import DatabaseErrors, DatabaseProbe
from musicbot.application.monitoring.checks import Readiness
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.entrypoints.web import OpsServer
from tests.support.tcp_proxy import TcpProxy

POSTGRES_ENV = "MUSICBOT_TEST_POSTGRES_URL"


def get(url: str, *, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class LoopThread:
    """An event loop in a thread of its own: the test (this thread) can ask its server while it stalls."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Any, timeout: float = 10.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stall(self, seconds: float) -> None:
        self.loop.call_soon_threadsafe(time.sleep, seconds)  # a blocking call on the loop, as a bug would make

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


@pytest.fixture
def served() -> Iterator[tuple[LoopThread, OpsServer]]:
    thread = LoopThread()
    metrics = PrometheusMetrics()

    async def start() -> OpsServer:
        server = OpsServer(
            host="127.0.0.1",
            port=0,
            watch=LoopWatch(metrics, interval=0.05),
            readiness=Readiness([]),
            metrics=metrics,
            status=lambda: {"version": "test", "servers": 3},
        )
        assert await server.start()
        return server

    server = thread.run(start())
    try:
        yield thread, server
    finally:
        thread.run(server.stop())
        thread.close()


def test_livez_fails_while_the_loop_is_stalled_and_recovers(served: tuple[LoopThread, OpsServer]) -> None:
    thread, server = served
    base = f"http://127.0.0.1:{server.port}"
    status, body = get(base + "/livez")
    assert status == 200 and json.loads(body)["alive"] is True

    thread.stall(2.0)
    time.sleep(0.1)
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        get(base + "/livez", timeout=1.0)  # what a probe with a 1 s limit sees: no answer
    status, body = get(base + "/livez", timeout=5.0)  # answered once the loop is back: it was too late
    assert status == 503 and json.loads(body)["loop_lag_seconds"] >= 1.0

    time.sleep(0.3)  # the watch's next wake-ups are on time again
    assert get(base + "/livez")[0] == 200
    _, text = get(base + "/metrics")
    assert b'musicbot_event_loop_lag_seconds_bucket{le="+Inf"}' in text
    assert b'musicbot_event_loop_lag_seconds_bucket{le="1.0"}' in text


def test_metrics_and_status_answer(served: tuple[LoopThread, OpsServer]) -> None:
    _, server = served
    base = f"http://127.0.0.1:{server.port}"
    status, text = get(base + "/metrics")
    assert status == 200
    assert b"process_resident_memory_bytes" in text and b"process_cpu_seconds_total" in text
    assert json.loads(get(base + "/api/status")[1]) == {"version": "test", "servers": 3}
    assert json.loads(get(base + "/readyz")[1]) == {"ready": True, "checked": []}


async def test_a_port_in_use_is_one_warning_and_no_server(caplog: pytest.LogCaptureFixture) -> None:
    metrics = PrometheusMetrics()
    first = OpsServer(
        host="127.0.0.1", port=0, watch=LoopWatch(metrics), readiness=Readiness([]), metrics=metrics, status=dict
    )
    assert await first.start()
    second = OpsServer(
        host="127.0.0.1",
        port=first.port or 0,
        watch=LoopWatch(metrics),
        readiness=Readiness([]),
        metrics=metrics,
        status=dict,
    )
    try:
        assert not await second.start()
        warnings = [r for r in caplog.records if "could not listen" in r.getMessage()]
        assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
    finally:
        await second.stop()
        await first.stop()


@pytest.fixture
async def proxied_postgres() -> AsyncIterator[tuple[TcpProxy, str]]:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    parts = urlsplit(url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await proxy.start()
    auth = f"{parts.username}:{parts.password}@" if parts.username else ""
    yield proxy, urlunsplit(parts._replace(netloc=f"{auth}127.0.0.1:{proxy.port}"))
    await proxy.cut()


async def test_readyz_turns_503_when_the_database_goes_away_and_200_when_it_returns(
    proxied_postgres: tuple[TcpProxy, str],
) -> None:
    proxy, url = proxied_postgres
    database = create_database(url)
    errors = DatabaseErrors(database)
    metrics = PrometheusMetrics()
    server = OpsServer(
        host="127.0.0.1",
        port=0,
        watch=LoopWatch(metrics),
        readiness=Readiness([DatabaseProbe(database, errors)], timeout=3.0),
        metrics=metrics,
        status=dict,
    )
    assert await server.start()
    ready = f"http://127.0.0.1:{server.port}/readyz"
    try:
        status, body = await asyncio.to_thread(get, ready)
        assert (status, json.loads(body)["ready"]) == (200, True)

        await proxy.cut()
        status, body = await asyncio.to_thread(get, ready)
        assert status == 503
        assert "does not answer" in json.loads(body)["not_ready"]["database"]
        assert errors.count >= 1

        await proxy.start()
        status, body = await asyncio.to_thread(get, ready)
        assert (status, json.loads(body)) == (200, {"ready": True, "checked": ["database"]})
    finally:
        await server.stop()
        await database.dispose()
