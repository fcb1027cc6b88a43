"""Listening history: what was played, where, for whom; read back for recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayRecord:
    guild_id: GuildId
    user_id: UserId  # who asked for the song
    track: Track  # kept without its stream
    played_at: datetime

    def __post_init__(self) -> None:
        if self.track.stream_url is not None or self.track.http_headers:
            object.__setattr__(self, "track", self.track.without_stream())
