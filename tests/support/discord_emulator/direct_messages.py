"""Direct messages from the bot, the way discord.py's `User.send` makes them: `POST /users/@me/channels` opens
(or finds) the DM channel with a user, then `POST /channels/{dm}/messages` posts in it. A user who turned off
direct messages from server members is answered as Discord answers: 403, code 50007, "Cannot send messages to
this user" (opening the channel still works)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.messages import ApiError, validate_message
from tests.support.discord_emulator.model import JSON, Message, User

if TYPE_CHECKING:
    from tests.support.discord_emulator.state import EmulatorState

_DIRECT_MESSAGES = 1 << 12
_DM_CHANNEL = 1


@dataclass(slots=True)
class DirectMessages:
    state: EmulatorState
    recipients: dict[int, User] = field(default_factory=dict)  # DM channel id -> the user on the other end
    channels: dict[int, int] = field(default_factory=dict)  # user id -> DM channel id
    sent: list[Message] = field(default_factory=list)
    closed: set[int] = field(default_factory=set)  # users who do not accept DMs from the bot

    def to(self, user: User) -> list[Message]:
        """What the bot sent `user` in direct messages, oldest first."""
        return [m for m in self.sent if self.recipients[m.channel_id].id == user.id]

    def close_to(self, user: User) -> None:
        """`user` turns off direct messages from server members: the bot's DMs fail with 50007."""
        self.closed.add(user.id)

    def open(self, body: JSON) -> JSON:
        user = self.state.users.get(int(body.get("recipient_id") or 0))
        if user is None:
            raise ApiError(400, 50035, "Invalid Form Body", {"recipient_id": {"_errors": [{"code": "USER_UNKNOWN"}]}})
        if user.id not in self.channels:
            channel_id = self.state.new_id()
            self.channels[user.id], self.recipients[channel_id] = channel_id, user
        channel_id = self.channels[user.id]
        recipients = [payloads.user(user)]
        return {
            "id": str(channel_id),
            "type": _DM_CHANNEL,
            "last_message_id": None,
            "flags": 0,
            "recipients": recipients,
        }

    def post(self, channel_id: int, body: JSON) -> JSON:
        recipient = self.recipients[channel_id]
        if recipient.id in self.closed:
            raise ApiError(403, 50007, "Cannot send messages to this user")
        state = self.state
        message = Message(id=state.new_id(), channel_id=channel_id, guild_id=0, author_id=state.bot.id)
        message.content = str(body.get("content") or "")
        message.embeds = [{"type": "rich", **e} for e in body.get("embeds") or []]
        validate_message(message)
        self.sent.append(message)
        data = payloads.message(message, state.bot, base_url=state.base_url, application_id=state.application_id)
        del data["guild_id"]
        state.dispatch("MESSAGE_CREATE", data, _DIRECT_MESSAGES)
        state.changed()
        return data
