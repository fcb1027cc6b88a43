"""`OpsServer`: what orchestrators, Prometheus and status pages ask, on the bot's own event loop.

- `GET /livez`: 200 while the loop answers within `LIVE_LAG_LIMIT`; 503 when it is (or just was) further behind.
  A loop stalled for good does not answer at all: the probe's own time limit turns that into a failure.
- `GET /readyz`: 200 when every readiness check passes, else 503 with `{"ready": false, "not_ready": {part:
  why}}` (the contract the container's HEALTHCHECK and compose rely on). A part that lets the process take
  traffic while something is wrong adds `"degraded": {part: what}` to either answer.
- `GET /metrics`: Prometheus text. `GET /api/status`: JSON (version, uptime, servers, players playing, shards).

Other features may mount routes on `app` before `start` (the Spotify account callback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web

from musicbot.adapters.prometheus.metrics import CONTENT_TYPE, PrometheusMetrics
from musicbot.application.monitoring.checks import Readiness
from musicbot.application.monitoring.loop_watch import LoopWatch

log = logging.getLogger(__name__)

LIVE_LAG_LIMIT = 1.0  # seconds


class OpsServer:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        watch: LoopWatch,
        readiness: Readiness,
        metrics: PrometheusMetrics,
        status: Callable[[], Mapping[str, Any]],
    ) -> None:
        """`port` 0 binds any free port (tests); the setting's 0 ("off") means no server is built at all."""
        self._host, self._port = host, port
        self._watch, self._readiness, self._metrics, self._status = watch, readiness, metrics, status
        self.app = web.Application()
        self.app.router.add_get("/livez", self._livez)
        self.app.router.add_get("/readyz", self._readyz)
        self.app.router.add_get("/metrics", self._metrics_text)
        self.app.router.add_get("/api/status", self._api_status)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None  # once listening

    async def start(self) -> bool:
        """Listen, and watch the loop; a port that cannot be bound is one warning, and the bot goes on without."""
        self._watch.start()
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        try:
            await site.start()
        except OSError as error:
            log.warning(
                "the operations HTTP server could not listen on %s:%s (%s): running without /livez, /readyz and "
                "/metrics (set MUSICBOT_HTTP_PORT to a free port, or 0 to turn it off)",
                self._host,
                self._port,
                error.strerror or error,
            )
            await runner.cleanup()
            return False
        self._runner = runner
        sockets = [s for s in (runner.addresses or ()) if isinstance(s, tuple)]
        self.port = int(sockets[0][1]) if sockets else self._port
        log.info("operations HTTP server listening on http://%s:%s", self._host, self.port)
        return True

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self._watch.stop()

    async def _livez(self, _request: web.Request) -> web.Response:
        lag = self._watch.lag()
        alive = lag < LIVE_LAG_LIMIT
        body = {"alive": alive, "loop_lag_seconds": round(lag, 4)}
        return web.json_response(body, status=200 if alive else 503)

    async def _readyz(self, _request: web.Request) -> web.Response:
        report = await self._readiness.check()
        degraded = {"degraded": report.degraded} if report.degraded else {}
        if report.ready:
            return web.json_response({"ready": True, "checked": list(report.checked)} | degraded)
        return web.json_response({"ready": False, "not_ready": report.problems} | degraded, status=503)

    async def _metrics_text(self, _request: web.Request) -> web.Response:
        response = web.Response(body=self._metrics.exposition())
        response.headers["Content-Type"] = CONTENT_TYPE
        return response

    async def _api_status(self, _request: web.Request) -> web.Response:
        return web.json_response(dict(self._status()))
