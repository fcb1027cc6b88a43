"""Who may control a guild's player: the people listening to it.

The front end says who is asking (`Caller`): their voice channel and whether they hold the DJ role or the
Manage Server permission; these rules decide. The use-cases apply them (`authorize` first thing in `execute`,
as fastapi-clean-example's interactors do), so a new driver cannot forget one: it passes the caller and maps the
error it gets back.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from musicbot.application.errors import ApplicationError, NoVoiceChannel
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import ChannelId, GuildId, UserId


class NotInBotChannel(ApplicationError):
    """The caller is not in the voice channel the bot plays in."""

    def __init__(self, channel_id: ChannelId) -> None:
        super().__init__("join my voice channel to control me")
        self.channel_id = channel_id


class NotAllowed(ApplicationError):
    """The caller lacks the role or permission a command needs; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True, kw_only=True)
class Caller:
    user_id: UserId
    voice_channel_id: ChannelId | None = None
    is_dj: bool = False  # holds the DJ role
    is_manager: bool = False  # has Manage Server

    @property
    def privileged(self) -> bool:
        return self.is_dj or self.is_manager


class Permission(enum.Enum):
    CONTROL = "control"  # pause, skip, volume, queue edits, leave: be where it plays
    REQUEST = "request"  # play, aplay, queue picks: be where it plays, or somewhere it can join
    MOVE = "move"  # join: call the bot into your channel


# What a driver does once a use-case accepted its command (the rule passed) and before work that may wait: the
# bot defers its answer there, so a refusal is a private first answer instead of replacing a public "thinking…".
Accepted = Callable[[], Awaitable[None]]


async def proceed() -> None:
    """No acknowledgement needed (the console, tests)."""


class VoiceRules:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    def bot_channel(self, guild_id: GuildId) -> ChannelId | None:
        player = self._registry.find(guild_id)
        return None if player is None or player.closed else player.channel_id

    def authorize(self, permission: Permission, guild_id: GuildId, caller: Caller, *, listeners: int = 0) -> None:
        """Raise the refusal `permission` gives `caller` here; `listeners` (humans in the bot's channel) is read
        only by MOVE."""
        if permission is Permission.CONTROL:
            self.check_control(guild_id, caller)
        elif permission is Permission.REQUEST:
            self.check_request(guild_id, caller)
        else:
            self.check_move(guild_id, caller, listeners=listeners)

    def check_control(self, guild_id: GuildId, caller: Caller) -> None:
        """Controlling the player (pause, skip, volume, queue edits, leave): be where it plays."""
        channel = self.bot_channel(guild_id)
        if channel is not None and caller.voice_channel_id != channel:
            raise NotInBotChannel(channel)

    def check_request(self, guild_id: GuildId, caller: Caller) -> None:
        """Asking for music (play, aplay): be where it plays, or somewhere it can join."""
        if self.bot_channel(guild_id) is None and caller.voice_channel_id is None:
            raise NoVoiceChannel
        self.check_control(guild_id, caller)

    def check_move(self, guild_id: GuildId, caller: Caller, *, listeners: int) -> None:
        """Calling the bot into the caller's channel (join).

        It may leave a channel where nobody listens; taking it away from listeners needs the DJ role or
        Manage Server. `listeners` counts the humans in the bot's channel now.
        """
        if caller.voice_channel_id is None:
            raise NoVoiceChannel
        channel = self.bot_channel(guild_id)
        if channel is None or channel == caller.voice_channel_id or listeners == 0 or caller.privileged:
            return
        raise NotInBotChannel(channel)

    @staticmethod
    def require_manager(caller: Caller, what: str) -> None:
        if not caller.is_manager:
            raise NotAllowed(f"only members with the Manage Server permission can {what}")
