"""When a guild's player leaves its voice channel by itself: nothing played for a while (idle), or no human
was left to listen for a while (alone), unless the guild asked for 24/7.

Pure rules over the two moments the application reports (a song started or the queue ended; the humans in the
channel changed) and the time now; the application's sweep owns the clock and does the leaving.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class LeaveReason(enum.StrEnum):
    IDLE = "idle"  # nothing played for a while
    ALONE = "alone"  # no human in the channel for a while


@dataclass(frozen=True, slots=True, kw_only=True)
class IdlePolicy:
    idle_seconds: float  # nothing playing (paused counts as playing: people pause on purpose); 0: never
    alone_seconds: float  # no human in the channel; 0: never
    always_on: bool = False  # 24/7: neither applies

    def __post_init__(self) -> None:
        if self.idle_seconds < 0 or self.alone_seconds < 0:
            raise ValueError("an idle or alone time is at least 0 seconds (0: never)")


@dataclass(slots=True, kw_only=True)
class IdleTimers:
    """Since when the player has been idle and alone (None: it is not). A voice session starts idle (nothing
    plays yet) and with people around (someone called the bot in)."""

    idle_since: datetime | None = None
    alone_since: datetime | None = None

    def listeners_changed(self, humans: int, now: datetime) -> None:
        if humans:
            self.alone_since = None
        elif self.alone_since is None:
            self.alone_since = now

    def playback_started(self) -> None:
        self.idle_since = None

    def playback_stopped(self, now: datetime) -> None:
        if self.idle_since is None:
            self.idle_since = now

    def leave_due(self, policy: IdlePolicy, now: datetime, *, playing: bool) -> LeaveReason | None:
        """Why to leave now (None: stay). `playing`: a song is current, paused or not; it corrects a missed
        start or end. While 24/7 the timers restart, so turning 24/7 off gives the full time again."""
        if playing:
            self.idle_since = None
        elif self.idle_since is None:
            self.idle_since = now
        if policy.always_on:
            self._restart(now)
            return None
        if _expired(self.alone_since, policy.alone_seconds, now):
            return LeaveReason.ALONE
        if _expired(self.idle_since, policy.idle_seconds, now):
            return LeaveReason.IDLE
        return None

    def _restart(self, now: datetime) -> None:
        if self.idle_since is not None:
            self.idle_since = now
        if self.alone_since is not None:
            self.alone_since = now


def _expired(since: datetime | None, timeout: float, now: datetime) -> bool:
    return since is not None and timeout > 0 and (now - since).total_seconds() >= timeout
