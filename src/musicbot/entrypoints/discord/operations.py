"""The bot's side of operations: readiness of the gateway and the audio sender, its status, the gateway's
health, the figures only the bot knows (gateway latency per shard, voice packets), each command timed and
counted. The operations HTTP server (`web/assembly.py`) is started and stopped by the bot's runtime."""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord

from musicbot import __version__
from musicbot.adapters.discord_voice import DiscordVoiceGateway
from musicbot.adapters.discord_voice.send_timing import SecondsHistogram, SendTiming
from musicbot.adapters.prometheus import HistogramValues, PrometheusMetrics, Sampled, SampledHistogram
from musicbot.application.admin.ports import BotStatus
from musicbot.application.monitoring.checks import Health, HealthStatus
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.entrypoints.operations import player_state

if TYPE_CHECKING:
    pass

# Bucket bounds of the sender's own timing (seconds). Its packets leave every 20 ms: the interval buckets are
# fine around that, so a bench or a dashboard can tell "every interval under 30 ms" and count those of 50 ms or
# more (a gap listeners notice) without the receiver's side.
LATENESS_BOUNDS = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1.0)
INTERVAL_BOUNDS = (0.021, 0.022, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0)


class GatewayCheck:
    name = "gateway"

    def __init__(self, bot: discord.Client) -> None:
        self._bot = bot

    async def problem(self) -> str | None:
        if self._bot.is_closed():
            return "the Discord connection is closed"
        if getattr(self._bot, "shutting_down", False):
            return "shutting down"
        if not self._bot.is_ready():
            return "not connected to Discord yet"
        if isinstance(self._bot, discord.AutoShardedClient):
            down = sorted(shard.id for shard in self._bot.shards.values() if shard.is_closed())
            if down:
                return f"the Discord gateway connection is down for shard {', '.join(map(str, down))} (reconnecting)"
        elif self._bot.ws is None or not self._bot.ws.open:
            return "the Discord gateway connection is down (reconnecting)"
        return None


class VoiceSenderCheck:
    name = "audio sender"

    def __init__(self, gateway: object) -> None:
        self._gateway = gateway

    async def problem(self) -> str | None:
        if isinstance(self._gateway, DiscordVoiceGateway):
            return self._gateway.engine.sender_problem()
        return None


class GatewayProbe:
    name = "Discord gateway"

    def __init__(self, bot: discord.Client) -> None:
        self._bot = bot
        self._check = GatewayCheck(bot)

    async def health(self) -> Health:
        problem = await self._check.problem()
        if problem is not None:
            return Health(name=self.name, status=HealthStatus.DOWN, detail=problem)
        latencies = ", ".join(f"shard {shard}: {_ms(latency)}" for shard, latency in shard_latencies(self._bot))
        return Health(
            name=self.name, status=HealthStatus.OK, detail=f"connected, {len(self._bot.guilds)} servers; {latencies}"
        )


def shard_latencies(bot: discord.Client) -> list[tuple[int, float | None]]:
    """(shard, seconds of the last heartbeat's round trip); None before the first heartbeat."""
    if isinstance(bot, discord.AutoShardedClient):  # noqa: SIM108 - mypy narrows `bot` in a statement only
        pairs = list(bot.latencies)
    else:
        pairs = [(bot.shard_id or 0, bot.latency)]
    return [(shard, None if not math.isfinite(latency) else latency) for shard, latency in pairs]


def _ms(latency: float | None) -> str:
    return "no heartbeat yet" if latency is None else f"{latency * 1000:.0f} ms"


class DiscordStatus:
    """`StatusSource`, and the JSON of /api/status."""

    def __init__(self, bot: discord.Client, registry: PlayerRegistry) -> None:
        self._bot = bot
        self._registry = registry
        self._started = time.monotonic()

    def status(self) -> BotStatus:
        players = {"playing": 0, "paused": 0, "idle": 0}
        for player in self._registry.players():
            players[player_state(player)] += 1
        return BotStatus(
            version=__version__,
            uptime_seconds=time.monotonic() - self._started,
            servers=len(self._bot.guilds),
            players=players,
            shards=dict(shard_latencies(self._bot)),
            memory_bytes=_rss_bytes(),
        )

    def as_json(self) -> dict[str, Any]:
        status = self.status()
        return {
            "version": status.version,
            "uptime_seconds": round(status.uptime_seconds, 1),
            "ready": self._bot.is_ready() and not self._bot.is_closed(),
            "servers": status.servers,
            "players_playing": status.playing,
            "players": status.players,
            "shards": [
                {"id": shard, "latency_seconds": None if latency is None else round(latency, 4)}
                for shard, latency in status.shards.items()
            ],
        }


def _rss_bytes() -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return None


def sample_discord(metrics: PrometheusMetrics, bot: discord.Client, gateway: object) -> None:
    def latencies() -> dict[tuple[str, ...], float]:
        return {(str(shard),): latency for shard, latency in shard_latencies(bot) if latency is not None}

    timing = gateway.engine.sender.timing if isinstance(gateway, DiscordVoiceGateway) else SendTiming()

    def packets(field: str) -> dict[tuple[str, ...], float]:
        return {(): float(getattr(timing.totals, field))}

    def histogram(of: SecondsHistogram, bounds: tuple[float, ...]) -> Callable[[], HistogramValues]:
        return lambda: HistogramValues(buckets=of.cumulative(bounds), sum=of.total)

    for family in (
        Sampled("musicbot_gateway_latency_seconds", "gauge", "Heartbeat round trip per shard", latencies,
                ("shard",)),
        Sampled("musicbot_guilds", "gauge", "Servers the bot is in", lambda: {(): float(len(bot.guilds))}),
        Sampled("musicbot_voice_packets_sent_total", "counter", "Audio packets sent (50 a second per player)",
                lambda: packets("sent")),
        Sampled("musicbot_voice_packets_late_total", "counter", "Audio packets sent over 10 ms after their slot",
                lambda: packets("late")),
        Sampled("musicbot_voice_packets_missing_total", "counter",
                "Slots of a playing stream with no packet ready (a gap heard)", lambda: packets("missing")),
        Sampled("musicbot_voice_slots_skipped_total", "counter",
                "Audio slots the sender wrote off after stalling over 200 ms",
                lambda: {(): float(timing.skipped_slots)}),
        SampledHistogram("musicbot_voice_packet_lateness_seconds",
                         "How long after its 20 ms slot each audio packet left the bot",
                         histogram(timing.late_by, LATENESS_BOUNDS)),
        SampledHistogram("musicbot_voice_send_interval_seconds",
                         "Time between two audio packets of one server while a song plays, at the sender (pauses "
                         "aside): a gap the bot made", histogram(timing.intervals, INTERVAL_BOUNDS)),
    ):  # fmt: skip
        metrics.sample(family)
