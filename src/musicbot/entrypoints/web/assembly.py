"""The operations server of a process, built from its operations services; its runtime starts and stops it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from musicbot.entrypoints.operations import OperationsServices
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices
from musicbot.entrypoints.web.server import OpsServer
from musicbot.entrypoints.web.spotify_callback import mount_spotify_callback


def ops_server(
    settings: Settings,
    operations: OperationsServices,
    *,
    status: Callable[[], Mapping[str, Any]],
    spotify: SpotifyAccountServices | None = None,
) -> OpsServer | None:
    """/livez, /readyz, /metrics, /api/status (and the Spotify link's callback); None when MUSICBOT_HTTP_PORT
    is 0."""
    if not settings.http_port:
        return None
    server = OpsServer(
        host=settings.http_host,
        port=settings.http_port,
        watch=operations.watch,
        readiness=operations.readiness,
        metrics=operations.metrics,
        status=status,
    )
    if spotify is not None:
        mount_spotify_callback(server.app, spotify)
    return server
