"""A guild's live queue as it is saved: enough to rejoin and resume where the bot was, nothing that expires.

`Player.to_snapshot` makes one, `Player.from_snapshot` makes a player of one again; storage keeps it as it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from musicbot.domain.errors import InvalidVolume
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.player_state import MAX_VOLUME
from musicbot.domain.song import Song
from musicbot.domain.track import Track
from musicbot.domain.tracklist import RepeatMode


@dataclass(frozen=True, slots=True, kw_only=True)
class QueuedTrack:
    """One song of a saved queue: its track (never its stream URL, which expires) and who asked for it."""

    track: Track
    requester: UserId
    requested_at: datetime

    def __post_init__(self) -> None:
        if self.track.stream_url is not None or self.track.http_headers:
            object.__setattr__(self, "track", self.track.without_stream())

    @classmethod
    def of(cls, song: Song) -> QueuedTrack:
        return cls(track=song.track.without_stream(), requester=song.requester, requested_at=song.requested_at)

    def to_song(self, *, max_attempts: int) -> Song:
        """A fresh song (PENDING, nothing resolved) with its first requester and time: resolved when it plays."""
        return Song(
            track=self.track, requester=self.requester, requested_at=self.requested_at, max_attempts=max_attempts
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueSnapshot:
    guild_id: GuildId
    voice_channel_id: ChannelId
    text_channel_id: ChannelId | None = None
    current: QueuedTrack | None = None
    position: float = 0.0  # seconds into the current song
    paused: bool = False
    upcoming: tuple[QueuedTrack, ...] = field(default=())
    repeat: RepeatMode = RepeatMode.OFF
    volume: int = 100  # percent
    saved_at: datetime

    def __post_init__(self) -> None:
        if not (math.isfinite(self.position) and self.position >= 0):
            raise ValueError(f"a position is a finite number of seconds, at least 0 ({self.position})")
        if not 0 <= self.volume <= MAX_VOLUME:
            raise InvalidVolume(self.volume)

    @property
    def songs(self) -> tuple[QueuedTrack, ...]:
        """The current song first (when there is one), then the upcoming ones."""
        return ((self.current,) if self.current is not None else ()) + self.upcoming

    @property
    def is_empty(self) -> bool:
        return self.current is None and not self.upcoming
