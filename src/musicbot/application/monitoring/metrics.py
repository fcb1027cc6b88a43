"""`Metrics`: the events the core counts and times, as a port (the Prometheus adapter implements it).

The call sites are few on purpose: the Discord tree (interactions), the measured source (resolutions),
`PlaySong` (first audio), the loop watch (lag), the database adapter (errors), and the message bus for what
the players record (`monitoring/player_events.py`). Figures read at scrape time (players by state, voice
packets, caches, breakers, AI calls, gateway latency) are not events: the composition root hands the adapter
functions that read them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol


class Outcome(enum.StrEnum):
    OK = "ok"
    REFUSED = "refused"  # a rule said no (not in voice, not an owner, rate limited, shutting down)
    USER_ERROR = "user_error"  # the request could not be served as asked (no results, bad position)
    FAILED = "failed"  # a bug or a dependency failed


class Metrics(Protocol):
    def interaction_acknowledged(self, seconds: float) -> None:
        """Seconds from receiving an interaction to its first answer (a deferral counts): Discord allows 3 s."""
        ...

    def command_finished(self, command: str, outcome: Outcome, seconds: float) -> None:
        """A slash command (or button, or console command) ran to its end."""
        ...

    def resolution_finished(self, source: str, *, ok: bool, seconds: float) -> None:
        """One real resolution (a cache miss) by `source` ("youtube", "soundcloud", "http", "search", ...)."""
        ...

    def first_audio(self, seconds: float) -> None:
        """Seconds from a play request to its song's first audio being ready to send (when it started at once)."""
        ...

    def loop_lag(self, seconds: float) -> None:
        """How late a periodic wake-up of the event loop came."""
        ...

    def player_event(self, event: str) -> None:
        """A guild player did something by itself or by command ("song_started", "song_failed", ...)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class LatencySummary:
    """Percentiles of one timing since start (estimated from histogram buckets, to the bucket's width)."""

    name: str
    count: int
    p50: float
    p95: float
    p99: float


class MetricsReader(Protocol):
    def latencies(self) -> list[LatencySummary]:
        """Every timing the bot keeps, since start."""
        ...

    def counters(self) -> dict[str, float]:
        """Totals since start by plain name ("commands", "commands failed", "resolutions failed", ...)."""
        ...
