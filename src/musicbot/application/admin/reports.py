"""The owner's reports: stats, health, performance and logs. Each asks the `OwnerPolicy` before anything else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from musicbot.application.admin.access import OwnerPolicy
from musicbot.application.admin.ports import BotStatus, LogSource, StatusSource
from musicbot.application.errors import InvalidQuery
from musicbot.application.monitoring.checks import Health, HealthProbe, probe_all
from musicbot.application.monitoring.metrics import LatencySummary, MetricsReader
from musicbot.domain.ids import UserId

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MAX_LOG_LINES = 5000


@dataclass(frozen=True, slots=True, kw_only=True)
class BotStats:
    status: BotStatus
    counters: dict[str, float]


class ShowBotStats:
    def __init__(self, policy: OwnerPolicy, status: StatusSource, metrics: MetricsReader) -> None:
        self._policy, self._status, self._metrics = policy, status, metrics

    def execute(self, user_id: UserId | None) -> BotStats:
        self._policy.require(user_id)
        return BotStats(status=self._status.status(), counters=self._metrics.counters())


class CheckHealth:
    def __init__(self, policy: OwnerPolicy, probes: Sequence[HealthProbe]) -> None:
        self._policy, self._probes = policy, tuple(probes)

    async def execute(self, user_id: UserId | None) -> list[Health]:
        self._policy.require(user_id)
        return await probe_all(self._probes)


class ShowPerformance:
    def __init__(self, policy: OwnerPolicy, metrics: MetricsReader) -> None:
        self._policy, self._metrics = policy, metrics

    def execute(self, user_id: UserId | None) -> list[LatencySummary]:
        self._policy.require(user_id)
        return self._metrics.latencies()


@dataclass(frozen=True, slots=True, kw_only=True)
class LogsQuery:
    user_id: UserId | None
    level: str = "INFO"
    lines: int = 200


class ReadLogs:
    def __init__(self, policy: OwnerPolicy, logs: LogSource) -> None:
        self._policy, self._logs = policy, logs

    def execute(self, query: LogsQuery) -> list[str]:
        self._policy.require(query.user_id)
        level = query.level.upper()
        if level not in LOG_LEVELS:
            raise InvalidQuery(f"the level is one of {', '.join(LOG_LEVELS)}")
        if not 1 <= query.lines <= MAX_LOG_LINES:
            raise InvalidQuery(f"ask for 1 to {MAX_LOG_LINES} lines")
        return self._logs.tail(level=level, lines=query.lines)
