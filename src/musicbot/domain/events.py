"""What happened to a guild's player, recorded by the player as it happens and handled after each command.

Frozen facts in the past tense. The application collects them once a command is done and hands them to the
message bus, whose handlers do the side effects (tell the users, record the play, top radio up, save the queue,
restart the idle timer); the player never knows who listens.
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True)
class SongStarted:
    """A new song began playing (not the same song restarted by a seek, a resumed stream or a restart)."""

    guild_id: GuildId
    song: Song


@dataclass(frozen=True, slots=True)
class SongFailed:
    guild_id: GuildId
    song: Song
    reason: str  # said to users as it is


@dataclass(frozen=True, slots=True)
class QueueEnded:
    """Nothing is left to play: the last song ended, was skipped or failed (not a stop, not a close)."""

    guild_id: GuildId


@dataclass(frozen=True, slots=True)
class QueueChanged:
    """The queue, the position, the state, the volume, the repeat mode or the filter changed."""

    guild_id: GuildId


@dataclass(frozen=True, slots=True)
class PlayerPaused:
    guild_id: GuildId


@dataclass(frozen=True, slots=True)
class PlayerResumed:
    guild_id: GuildId


@dataclass(frozen=True, slots=True)
class PlayerLeft:
    """The guild's player closed for good (the bot left the voice channel, or shuts down): no queue any more."""

    guild_id: GuildId
