"""What the emulated Discord knows: users, guilds, channels, roles, members, voice states and messages.

Plain mutable records owned by `EmulatorState`; tests read them (never mutate them directly: go through the
emulator so that the bot is told over the gateway). Ids are real-looking snowflakes because discord.py derives
timestamps (and a sub rate limit) from them.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000


class Permission:
    """Permission bits used by the emulator (https://discord.com/developers/docs/topics/permissions)."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    USE_VAD = 1 << 25
    CHANGE_NICKNAME = 1 << 26
    USE_APPLICATION_COMMANDS = 1 << 31
    ALL = (1 << 51) - 1

    EVERYONE_DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | CONNECT
        | SPEAK
        | USE_VAD
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
    )


class MessageFlag:
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7


class SnowflakeFactory:
    """Increasing snowflakes whose timestamp part is the wall clock, as Discord makes them."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (millis << 22) | (next(self._counter) & 0x3FFFFF)


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(slots=True, kw_only=True)
class User:
    id: int
    name: str
    bot: bool = False

    def __hash__(self) -> int:
        return self.id


@dataclass(slots=True, kw_only=True)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False

    def __hash__(self) -> int:
        return self.id


class ChannelKind(Enum):
    TEXT = 0
    VOICE = 2


@dataclass(slots=True, kw_only=True)
class Channel:
    id: int
    guild_id: int
    name: str
    kind: ChannelKind
    position: int = 0
    status: str | None = None  # a voice channel's status line (`PUT /channels/{id}/voice-status`)

    def __hash__(self) -> int:
        return self.id

    @property
    def is_voice(self) -> bool:
        return self.kind is ChannelKind.VOICE


@dataclass(slots=True, kw_only=True)
class Member:
    user: User
    guild_id: int
    roles: list[Role] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    def __hash__(self) -> int:
        return hash((self.user.id, self.guild_id))

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name


@dataclass(slots=True, kw_only=True)
class VoiceState:
    user_id: int
    channel_id: int
    session_id: str
    self_mute: bool = False
    self_deaf: bool = False


@dataclass(slots=True, kw_only=True)
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    voice_states: dict[int, VoiceState] = field(default_factory=dict)

    def __hash__(self) -> int:
        return self.id

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def channel(self, name_or_id: str | int) -> Channel:
        for channel in self.channels.values():
            if name_or_id in (channel.name, channel.id):
                return channel
        raise KeyError(f"guild {self.name!r} has no channel {name_or_id!r}")

    def role(self, name: str) -> Role:
        for role in self.roles.values():
            if role.name == name:
                return role
        raise KeyError(f"guild {self.name!r} has no role {name!r}")

    def member(self, name_or_id: str | int) -> Member:
        for member in self.members.values():
            if name_or_id in (member.name, member.id):
                return member
        raise KeyError(f"guild {self.name!r} has no member {name_or_id!r}")

    def permissions_of(self, member: Member) -> int:
        if member.id == self.owner_id:
            return Permission.ALL
        value = self.everyone.permissions
        for role in member.roles:
            value |= role.permissions
        return Permission.ALL if value & Permission.ADMINISTRATOR else value

    def voice_members(self, channel: Channel) -> list[Member]:
        return [self.members[s.user_id] for s in self.voice_states.values() if s.channel_id == channel.id]


@dataclass(slots=True, kw_only=True)
class Attachment:
    id: int
    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageSnapshot:
    """A message as it looked at one moment (after its creation or an edit)."""

    content: str
    embeds: tuple[JSON, ...]
    components: tuple[JSON, ...]
    flags: int
    attachments: tuple[str, ...]
    at: float  # time.monotonic()


@dataclass(slots=True, kw_only=True)
class Message:
    id: int
    channel_id: int
    guild_id: int
    author_id: int
    content: str = ""
    embeds: list[JSON] = field(default_factory=list)
    components: list[JSON] = field(default_factory=list)
    flags: int = 0
    attachments: list[Attachment] = field(default_factory=list)
    type: int = 0
    created_at: str = field(default_factory=iso_now)
    edited_at: str | None = None
    interaction_id: int | None = None  # set when the message answers an interaction
    webhook_id: int | None = None
    deleted: bool = False
    history: list[MessageSnapshot] = field(default_factory=list)

    def __hash__(self) -> int:
        return self.id

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & MessageFlag.LOADING)

    def snapshot(self) -> MessageSnapshot:
        return MessageSnapshot(
            content=self.content,
            embeds=tuple(self.embeds),
            components=tuple(self.components),
            flags=self.flags,
            attachments=tuple(a.filename for a in self.attachments),
            at=time.monotonic(),
        )
