"""The operations HTTP server (aiohttp, on the bot's event loop): /livez, /readyz, /metrics, /api/status."""

from musicbot.entrypoints.web.server import LIVE_LAG_LIMIT, OpsServer

__all__ = ["LIVE_LAG_LIMIT", "OpsServer"]
