"""A clock that moves only when a test moves it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

START = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


class ManualClock:
    def __init__(self, start: datetime = START) -> None:
        if start.utcoffset() is None:
            raise ValueError("the clock tells timezone-aware time")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._now += timedelta(seconds=seconds)
        return self._now


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fake drifts from its port
    from musicbot.application.support.clock import Clock

    _clock: Clock = ManualClock()
