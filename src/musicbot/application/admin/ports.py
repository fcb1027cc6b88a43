"""What the admin use-cases read: the driver's live figures and the recent log lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class BotStatus:
    version: str
    uptime_seconds: float
    servers: int
    players: dict[str, int]  # state -> players in it ("playing", "paused", "idle")
    shards: dict[int, float | None] = field(default_factory=dict)  # shard -> gateway latency (None: unknown)
    memory_bytes: int | None = None

    @property
    def playing(self) -> int:
        return self.players.get("playing", 0)


class StatusSource(Protocol):
    def status(self) -> BotStatus: ...


class LogSource(Protocol):
    def tail(self, *, level: str, lines: int) -> list[str]:
        """The last `lines` records at `level` or above, oldest first, secrets already redacted."""
        ...
