"""`stats`, `health`, `performance`: the owner's reports in the console (whose user owns the process), over the
same use-cases as /admin; and the console's own `StatusSource`."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from musicbot import __version__
from musicbot.application.admin.ports import BotStatus
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.entrypoints.admin_text import health_lines, performance_lines, stats_lines, user_stats_lines
from musicbot.entrypoints.console.commands import ConsoleIdentity
from musicbot.entrypoints.operations import OperationsServices, player_state


class ConsoleStatus:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._started = time.monotonic()

    def status(self) -> BotStatus:
        players = {"playing": 0, "paused": 0, "idle": 0}
        for player in self._registry.players():
            players[player_state(player)] += 1
        return BotStatus(
            version=__version__, uptime_seconds=time.monotonic() - self._started, servers=1, players=players
        )


class OperationsCommands:
    def __init__(self, operations: OperationsServices, identity: ConsoleIdentity) -> None:
        self._ops = operations
        self._id = identity
        self.table: dict[str, tuple[Callable[[str], Awaitable[str]], str]] = {
            "stats": (self.stats, "the player's figures since start, and your own use"),
            "health": (self.health, "each dependency (database, FFmpeg, yt-dlp, Spotify, OpenRouter) in words"),
            "performance": (self.performance, "latency percentiles since start"),
        }

    async def stats(self, _args: str) -> str:
        lines = stats_lines(self._ops.stats.execute(self._id.user_id))
        mine = await self._ops.user_stats.execute(self._id.user_id, self._id.guild_id)
        return "\n".join([*lines, *user_stats_lines(mine)])

    async def health(self, _args: str) -> str:
        return "\n".join(health_lines(await self._ops.health.execute(self._id.user_id)))

    async def performance(self, _args: str) -> str:
        return "\n".join(performance_lines(self._ops.performance.execute(self._id.user_id)))
