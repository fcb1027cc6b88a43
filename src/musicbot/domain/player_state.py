"""A guild player's state: idle, playing or paused; its volume; how far into the song it is."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from musicbot.domain.errors import InvalidTransition, InvalidVolume

MAX_VOLUME = 200
DEFAULT_VOLUME = 100


class PlayerStatus(enum.StrEnum):
    IDLE = "idle"
    PLAYING = "playing"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class Volume:
    percent: int = DEFAULT_VOLUME

    def __post_init__(self) -> None:
        if not 0 <= self.percent <= MAX_VOLUME:
            raise InvalidVolume(self.percent)

    @property
    def factor(self) -> float:
        """The gain applied to samples: 1.0 at 100 %."""
        return self.percent / 100


class PlayerState:
    """Elapsed time is derived from the clock, so it stays right without anyone ticking it."""

    def __init__(self, volume: Volume | None = None) -> None:
        self.status = PlayerStatus.IDLE
        self.volume = volume or Volume()
        self._offset = 0.0
        self._since: datetime | None = None
        self.rate = 1.0  # seconds of the song per second of listening (an audio filter's tempo)

    @classmethod
    def waiting(cls, volume: Volume, *, at: float, paused: bool) -> PlayerState:
        """Nothing plays yet, and the song is to start `at` seconds in, paused when `paused` (a queue taken up
        again after a restart: the state it was saved in)."""
        state = cls(volume)
        state._offset = max(at, 0.0)
        state.status = PlayerStatus.PAUSED if paused else PlayerStatus.IDLE
        return state

    @property
    def held(self) -> float | None:
        """Seconds into the song while the clock stands (paused, idle, waiting to start); None while it runs."""
        return self._offset if self._since is None else None

    def start(self, now: datetime, offset: float = 0.0) -> None:
        """A song starts (or restarts at `offset` seconds): from any state."""
        self.status = PlayerStatus.PLAYING
        self._offset = max(offset, 0.0)
        self._since = now

    def pause(self, now: datetime) -> None:
        if self.status is not PlayerStatus.PLAYING:
            raise InvalidTransition("player", self.status, PlayerStatus.PAUSED)
        self._offset = self.elapsed(now)
        self._since = None
        self.status = PlayerStatus.PAUSED

    def resume(self, now: datetime) -> None:
        if self.status is not PlayerStatus.PAUSED:
            raise InvalidTransition("player", self.status, PlayerStatus.PLAYING)
        self._since = now
        self.status = PlayerStatus.PLAYING

    def set_rate(self, now: datetime, rate: float) -> None:
        """From now on the song advances `rate` seconds a second (the position so far is kept)."""
        if not rate > 0:
            raise ValueError(f"a rate must be > 0, not {rate}")
        self._offset = self.elapsed(now)
        self._since = now if self._since is not None else None
        self.rate = rate

    def stop(self) -> None:
        self.status = PlayerStatus.IDLE
        self._offset = 0.0
        self._since = None

    def elapsed(self, now: datetime) -> float:
        if self._since is None:
            return self._offset
        return self._offset + max((now - self._since).total_seconds(), 0.0) * self.rate
