"""What a guild's admins chose: kept across restarts, defaults until they choose.

A value: a change is a new `GuildSettings` (`dataclasses.replace`), checked whole on its way in, so a saved row
is always one the rules accept. The idle rule of the guild (`idle_policy`) is built from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NewType

from musicbot.domain.audio_filter import NO_FILTER, AudioFilter
from musicbot.domain.errors import DomainError
from musicbot.domain.idle import IdlePolicy
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode

RoleId = NewType("RoleId", int)

DEFAULT_AUTO_LEAVE_SECONDS = 300
MAX_AUTO_LEAVE_SECONDS = 24 * 3600


class InvalidAutoLeave(DomainError, ValueError):
    def __init__(self, seconds: int) -> None:
        minutes = MAX_AUTO_LEAVE_SECONDS // 60
        super().__init__(f"the auto-leave time goes from 0 (never) to {minutes} minutes")
        self.seconds = seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class GuildSettings:
    guild_id: GuildId
    volume: Volume = field(default_factory=Volume)  # what the guild's player starts at, and what /volume last set
    repeat: RepeatMode = RepeatMode.OFF
    always_on: bool = False  # "24/7": stay in the voice channel when the queue ends or everyone leaves
    auto_leave_seconds: int = DEFAULT_AUTO_LEAVE_SECONDS  # idle time before leaving (ignored when always_on)
    dj_role_id: RoleId | None = None
    music_channel_id: ChannelId | None = None  # where commands are taken, when set
    audio_filter: AudioFilter = NO_FILTER  # what the music plays through (/filter)
    fair_queue: bool = False  # songs queued take turns by requester (/fairqueue)

    def __post_init__(self) -> None:
        if not isinstance(self.volume, Volume):  # a percent given as a plain number would pass unchecked
            raise TypeError(f"a guild's volume is a Volume, not {type(self.volume).__name__}")
        if not 0 <= self.auto_leave_seconds <= MAX_AUTO_LEAVE_SECONDS:
            raise InvalidAutoLeave(self.auto_leave_seconds)

    def idle_policy(self, *, alone_seconds: float) -> IdlePolicy:
        """When the guild's player leaves by itself: its own idle time, the bot-wide alone time, unless 24/7."""
        return IdlePolicy(idle_seconds=self.auto_leave_seconds, alone_seconds=alone_seconds, always_on=self.always_on)
