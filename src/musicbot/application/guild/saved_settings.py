"""What a guild's admins chose: kept across restarts, defaults until they choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

from musicbot.application.errors import ApplicationError
from musicbot.domain.audio_filter import NO_FILTER, AudioFilter
from musicbot.domain.errors import InvalidVolume
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import DEFAULT_VOLUME, MAX_VOLUME
from musicbot.domain.tracklist import RepeatMode

RoleId = NewType("RoleId", int)

DEFAULT_AUTO_LEAVE_SECONDS = 300
MAX_AUTO_LEAVE_SECONDS = 24 * 3600


class InvalidAutoLeave(ApplicationError, ValueError):
    def __init__(self, seconds: int) -> None:
        minutes = MAX_AUTO_LEAVE_SECONDS // 60
        super().__init__(f"the auto-leave time goes from 0 (never) to {minutes} minutes")
        self.seconds = seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class GuildSettings:
    guild_id: GuildId
    volume: int = DEFAULT_VOLUME  # percent
    repeat: RepeatMode = RepeatMode.OFF
    always_on: bool = False  # "24/7": stay in the voice channel when the queue ends or everyone leaves
    auto_leave_seconds: int = DEFAULT_AUTO_LEAVE_SECONDS  # idle time before leaving (ignored when always_on)
    dj_role_id: RoleId | None = None
    music_channel_id: ChannelId | None = None  # where commands are taken, when set
    audio_filter: AudioFilter = NO_FILTER  # what the music plays through (/filter)
    fair_queue: bool = False  # songs queued take turns by requester (/fairqueue)

    def __post_init__(self) -> None:
        if not 0 <= self.volume <= MAX_VOLUME:
            raise InvalidVolume(self.volume)
        if not 0 <= self.auto_leave_seconds <= MAX_AUTO_LEAVE_SECONDS:
            raise InvalidAutoLeave(self.auto_leave_seconds)
