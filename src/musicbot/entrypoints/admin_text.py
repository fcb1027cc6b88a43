"""The owner's reports and a member's /stats as lines of text, the same in the console and on Discord."""

from __future__ import annotations

from musicbot.application.admin.reports import BotStats
from musicbot.application.admin.user_stats import UserStats
from musicbot.application.monitoring.checks import Health, HealthStatus
from musicbot.application.monitoring.metrics import LatencySummary
from musicbot.entrypoints.formatting import songs

_MARKS = {HealthStatus.OK: "✅", HealthStatus.DEGRADED: "⚠️", HealthStatus.DOWN: "❌", HealthStatus.OFF: "➖"}


def duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s"


def stats_lines(stats: BotStats) -> list[str]:
    status, counters = stats.status, stats.counters
    players = ", ".join(f"{count} {state}" for state, count in status.players.items())
    lines = [
        f"musicbot {status.version}, up {duration(status.uptime_seconds)}",
        f"Servers: {status.servers}; players: {players}",
        f"Commands since start: {counters.get('commands', 0):.0f} "
        f"({counters.get('commands failed', 0):.0f} failed, {counters.get('commands refused', 0):.0f} refused)",
        f"Resolutions failed since start: {counters.get('resolutions failed', 0):.0f}",
    ]
    if status.shards:
        lines.append(
            "Gateway: "
            + ", ".join(
                f"shard {shard} {'?' if latency is None else f'{latency * 1000:.0f} ms'}"
                for shard, latency in status.shards.items()
            )
        )
    if status.memory_bytes is not None:
        lines.append(f"Memory (RSS): {status.memory_bytes / 1_048_576:.0f} MB")
    return lines


def health_lines(report: list[Health]) -> list[str]:
    return [f"{_MARKS[health.status]} {health.name}: {health.status.value}, {health.detail}" for health in report]


def performance_lines(latencies: list[LatencySummary]) -> list[str]:
    lines = ["Latencies since start (p50 / p95 / p99, to a histogram bucket):"]
    for summary in latencies:
        if not summary.count:
            lines.append(f"{summary.name}: nothing measured yet")
            continue
        lines.append(
            f"{summary.name}: {_ms(summary.p50)} / {_ms(summary.p95)} / {_ms(summary.p99)} ({summary.count} measured)"
        )
    return lines


def user_stats_lines(stats: UserStats) -> list[str]:
    if stats.songs_everywhere is None:
        lines = ["Songs you asked for: unknown (storage is unavailable)"]
    elif stats.songs_here is None:
        lines = [f"Songs you asked for: {songs(stats.songs_everywhere)}"]
    else:
        lines = [f"Songs you asked for: {songs(stats.songs_here)} here, {songs(stats.songs_everywhere)} in all"]
    quota = stats.recommendations
    if quota is not None:
        lines.append(f"Recommendations asked since the bot started: {quota.asked}")
        wait = "you may ask now" if quota.retry_after_seconds <= 0 else f"next in {quota.retry_after_seconds:.0f} s"
        lines.append(
            f"Recommendation limit: {quota.used} of {quota.limit} used in the last {quota.window_seconds:.0f} s; {wait}"
        )
    return lines


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"
