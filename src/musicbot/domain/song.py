"""A song is one request in a queue: a track, who asked for it, and where it is in its life."""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field
from datetime import datetime

from musicbot.domain.errors import InvalidTransition
from musicbot.domain.ids import SongId, UserId
from musicbot.domain.track import Track


class SongState(enum.StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


_TRANSITIONS: dict[SongState, frozenset[SongState]] = {
    SongState.PENDING: frozenset({SongState.PROCESSING}),
    SongState.PROCESSING: frozenset({SongState.READY, SongState.FAILED}),
    # READY -> PROCESSING happens when the stream URL has expired and must be resolved again.
    # READY -> FAILED happens when its stream breaks while it plays.
    SongState.READY: frozenset({SongState.PROCESSING, SongState.FAILED}),
    # FAILED -> PENDING is a retry, allowed while attempts remain.
    SongState.FAILED: frozenset({SongState.PENDING}),
}

_ids = itertools.count(1)

DEFAULT_MAX_ATTEMPTS = 3


@dataclass(eq=False, slots=True, kw_only=True)
class Song:
    """Identity is the object: the same track queued twice is two songs."""

    track: Track
    requester: UserId
    requested_at: datetime
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    id: SongId = field(default_factory=lambda: SongId(next(_ids)))
    state: SongState = SongState.PENDING
    attempts: int = 0
    failure_reason: str | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")

    def _go(self, target: SongState, now: datetime) -> None:
        if target not in _TRANSITIONS[self.state]:
            raise InvalidTransition("song", self.state, target)
        self.state = target
        self.updated_at = now

    def start_processing(self, now: datetime) -> None:
        """PENDING -> PROCESSING (an attempt begins), or READY -> PROCESSING when the stream expired."""
        if self.state is SongState.READY and self.track.is_playable_at(now):
            raise InvalidTransition("song", "ready with a playable stream", SongState.PROCESSING)
        if self.state is SongState.PENDING:
            self.attempts += 1
        self._go(SongState.PROCESSING, now)

    def mark_ready(self, track: Track, now: datetime) -> None:
        self._go(SongState.READY, now)
        self.track = track
        self.failure_reason = None

    def mark_failed(self, reason: str, now: datetime) -> None:
        self._go(SongState.FAILED, now)
        self.failure_reason = reason

    @property
    def can_retry(self) -> bool:
        return self.state is SongState.FAILED and self.attempts < self.max_attempts

    def retry(self, now: datetime) -> None:
        """FAILED -> PENDING, only while attempts remain."""
        if not self.can_retry:
            raise InvalidTransition("song", f"{self.state} after {self.attempts} attempts", SongState.PENDING)
        self._go(SongState.PENDING, now)
