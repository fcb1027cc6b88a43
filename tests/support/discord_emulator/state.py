"""The emulated Discord's memory: the bot, guilds and their people, commands and interactions.

Every change that a real Discord would push to the bot goes through `dispatch` (set by the gateway), and wakes
the waiters of `notifier`. Messages live in `MessageStore` (messages.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.commands import CommandRegistry, EmulatorError
from tests.support.discord_emulator.direct_messages import DirectMessages
from tests.support.discord_emulator.interactions import Interaction
from tests.support.discord_emulator.messages import MessageStore
from tests.support.discord_emulator.model import (
    JSON,
    Attachment,
    Channel,
    ChannelKind,
    Guild,
    Member,
    Permission,
    Role,
    SnowflakeFactory,
    User,
    VoiceState,
)
from tests.support.discord_emulator.notify import Notifier


class Intent:
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_VOICE_STATES = 1 << 7
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    MESSAGE_CONTENT = 1 << 15
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


# Dispatch(event name, data or a function of the session's intents giving it, intent the bot needs or None)
Dispatch = Callable[[str, JSON | Callable[[int], JSON], int | None], None]

DEFAULT_BOT_PERMISSIONS = Permission.EVERYONE_DEFAULT


class EmulatorState:
    def __init__(self, *, bot_name: str = "MusicBot") -> None:
        self.new_id = SnowflakeFactory()
        self.application_id = self.new_id()
        # Bots created since 2016 share their application's id.
        self.bot = User(id=self.application_id, name=bot_name, bot=True)
        self.token = f"{self.application_id}.emulator.{secrets.token_urlsafe(16)}"
        self.users: dict[int, User] = {self.bot.id: self.bot}
        self.guilds: dict[int, Guild] = {}
        self.commands = CommandRegistry(self.application_id, self.new_id)
        self.interactions: dict[int, Interaction] = {}
        self.interactions_by_token: dict[str, Interaction] = {}
        self.notifier = Notifier()
        self.dispatch: Dispatch = lambda event, data, intent: None
        self.bot_connected: Callable[[], bool] = lambda: False  # a gateway session exists (maybe resuming)
        self.recommended_shards = 1  # what GET /gateway/bot answers
        self.max_concurrency = 1  # and its session_start_limit.max_concurrency
        self.base_url = ""
        self.joined_at = datetime.now(UTC).isoformat()
        self.messages = MessageStore(self)
        self.direct_messages = DirectMessages(self)
        self.presence: JSON | None = None
        self.privileged_intents = True  # whether the application may ask for members/presences/message content
        self.unknown_routes: list[str] = []
        self.uploads: dict[int, Attachment] = {}  # files members attached to slash command options (uploads.py)
        self.failing_callbacks = 0  # the next N interaction callbacks get a 500, as from a Discord outage

    @property
    def application_flags(self) -> int:
        # GATEWAY_PRESENCE | GATEWAY_GUILD_MEMBERS | GATEWAY_MESSAGE_CONTENT (the unlimited variants)
        return (1 << 12) | (1 << 14) | (1 << 18) if self.privileged_intents else 0

    def changed(self) -> None:
        self.notifier.changed()

    # --- guilds and people -----------------------------------------------------------------------------------

    def add_guild(
        self,
        name: str,
        *,
        voice_channels: Iterable[str] = ("General",),
        text_channels: Iterable[str] = ("general",),
        owner: str = "owner",
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        everyone_permissions: int = Permission.EVERYONE_DEFAULT,
    ) -> Guild:
        guild_id = self.new_id()
        owner_user = self._new_user(owner)
        guild = Guild(id=guild_id, name=name, owner_id=owner_user.id)
        guild.roles[guild_id] = Role(id=guild_id, guild_id=guild_id, name="@everyone", permissions=everyone_permissions)
        bot_role = Role(id=self.new_id(), guild_id=guild_id, name=self.bot.name, permissions=bot_permissions)
        bot_role.managed, bot_role.position = True, 1
        guild.roles[bot_role.id] = bot_role
        guild.members[owner_user.id] = Member(user=owner_user, guild_id=guild_id)
        guild.members[self.bot.id] = Member(user=self.bot, guild_id=guild_id, roles=[bot_role])
        for position, channel_name in enumerate(text_channels):
            self._new_channel(guild, channel_name, ChannelKind.TEXT, position)
        for position, channel_name in enumerate(voice_channels):
            self._new_channel(guild, channel_name, ChannelKind.VOICE, position)
        self.guilds[guild_id] = guild
        self.dispatch("GUILD_CREATE", lambda intents: self.guild_create_payload(guild, intents), Intent.GUILDS)
        self.changed()
        return guild

    def add_role(self, guild: Guild, name: str, *, permissions: int = 0) -> Role:
        role = Role(id=self.new_id(), guild_id=guild.id, name=name, permissions=permissions, position=len(guild.roles))
        guild.roles[role.id] = role
        self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": payloads.role(role)}, Intent.GUILDS)
        return role

    def add_channel(self, guild: Guild, name: str, *, voice: bool) -> Channel:
        kind = ChannelKind.VOICE if voice else ChannelKind.TEXT
        channel = self._new_channel(guild, name, kind, len(guild.channels))
        self.dispatch("CHANNEL_CREATE", payloads.channel(channel), Intent.GUILDS)
        return channel

    def add_member(
        self,
        guild: Guild,
        name: str,
        *,
        roles: Iterable[Role | str] = (),
        in_voice: Channel | str | None = None,
        user: User | None = None,
    ) -> Member:
        """A new user, or `user` (a member of another guild too: one person in several servers)."""
        member = Member(
            user=user or self._new_user(name),
            guild_id=guild.id,
            roles=[r if isinstance(r, Role) else guild.role(r) for r in roles],
        )
        guild.members[member.id] = member
        self.dispatch("GUILD_MEMBER_ADD", payloads.member(member) | {"guild_id": str(guild.id)}, Intent.GUILD_MEMBERS)
        if in_voice is not None:
            self.move_member(member, in_voice)
        self.changed()
        return member

    def move_member(self, member: Member, channel: Channel | str | None) -> None:
        """A human joins, switches or (with None) leaves voice; the bot gets VOICE_STATE_UPDATE."""
        guild = self.guilds[member.guild_id]
        target = guild.channel(channel) if isinstance(channel, str) else channel
        if target is not None and not target.is_voice:
            raise EmulatorError(f"{target.name!r} is not a voice channel")
        previous = guild.voice_states.get(member.id)
        session_id = previous.session_id if previous else secrets.token_hex(16)
        self.set_voice_state(guild, member.id, target, session_id=session_id)

    def set_voice_state(self, guild: Guild, user_id: int, channel: Channel | None, *, session_id: str) -> None:
        previous = guild.voice_states.get(user_id)
        intent = None if user_id == self.bot.id else Intent.GUILD_VOICE_STATES
        if channel is None:
            if previous is None:
                return
            del guild.voice_states[user_id]
            self.dispatch("VOICE_STATE_UPDATE", payloads.left_voice(user_id, guild, previous.session_id), intent)
        else:
            state = VoiceState(user_id=user_id, channel_id=channel.id, session_id=session_id)
            guild.voice_states[user_id] = state
            self.dispatch("VOICE_STATE_UPDATE", payloads.voice_state(state, guild, with_guild=True), intent)
        self.changed()

    def bot_voice_channel(self, guild: Guild) -> Channel | None:
        state = guild.voice_states.get(self.bot.id)
        return None if state is None else guild.channels[state.channel_id]

    def find_channel(self, channel_id: int) -> tuple[Guild, Channel]:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild, guild.channels[channel_id]
        raise KeyError(channel_id)

    def bot_permissions(self, guild: Guild) -> int:
        return guild.permissions_of(guild.members[self.bot.id])

    # --- payloads --------------------------------------------------------------------------------------------

    def guild_create_payload(self, guild: Guild, intents: int) -> JSON:
        # Without GUILD_PRESENCES Discord lists only the bot and the members in voice (members come by chunks).
        if intents & Intent.GUILD_PRESENCES:
            members = list(guild.members.values())
        else:
            listed = {self.bot.id, *guild.voice_states}
            members = [m for m in guild.members.values() if m.id in listed]
        return payloads.guild_create(
            guild, members, voice_states=bool(intents & Intent.GUILD_VOICE_STATES), joined_at=self.joined_at
        )

    def members_chunk(self, guild: Guild, request: JSON) -> JSON:
        wanted = {int(u) for u in request.get("user_ids") or []}
        query = str(request.get("query") or "").lower()
        limit = int(request.get("limit") or 0) or len(guild.members)
        found = [
            m for m in guild.members.values() if (not wanted or m.id in wanted) and m.name.lower().startswith(query)
        ][:limit]
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": [payloads.member(m) for m in found],
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if request.get("nonce"):
            chunk["nonce"] = request["nonce"]
        if wanted:
            chunk["not_found"] = [str(u) for u in wanted - {m.id for m in found}]
        return chunk

    # --- helpers ---------------------------------------------------------------------------------------------

    def _new_user(self, name: str) -> User:
        user = User(id=self.new_id(), name=name)
        self.users[user.id] = user
        return user

    def _new_channel(self, guild: Guild, name: str, kind: ChannelKind, position: int) -> Channel:
        channel = Channel(id=self.new_id(), guild_id=guild.id, name=name, kind=kind, position=position)
        guild.channels[channel.id] = channel
        return channel
