"""Members posting plain messages in a text channel, as Discord delivers them to a bot.

MESSAGE_CREATE goes to a session with the GUILD_MESSAGES intent. Without the privileged MESSAGE_CONTENT intent the
content (and embeds, attachments, components) arrive empty, except in a message that mentions the bot: Discord's
rule since 2022. Mentions are read from the content (`<@id>` and `<@!id>`), as Discord parses them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.model import Channel, Guild, Member, Message
from tests.support.discord_emulator.state import Intent

if TYPE_CHECKING:
    from tests.support.discord_emulator.server import DiscordEmulator

_MENTION = re.compile(r"<@!?(\d+)>")


def mention(emu: DiscordEmulator) -> str:
    """How a member writes a mention of the bot."""
    return f"<@{emu.state.bot.id}>"


def post(emu: DiscordEmulator, guild: Guild, member: Member, channel: Channel | str, content: str) -> Message:
    """`member` writes `content` in `channel` (a text channel of `guild`); the bot is told at once."""
    state = emu.state
    where = guild.channel(channel) if isinstance(channel, str) else channel
    if where.is_voice:
        raise ValueError(f"#{where.name} is a voice channel")
    message = Message(id=state.new_id(), channel_id=where.id, guild_id=guild.id, author_id=member.id, content=content)
    message.history.append(message.snapshot())
    state.messages.by_id[message.id] = message
    mentioned = [int(found) for found in _MENTION.findall(content)]
    users = [guild.members[user_id].user for user_id in mentioned if user_id in guild.members]

    def payload(intents: int) -> dict[str, Any]:
        data = payloads.message(
            message,
            member.user,
            base_url=state.base_url,
            application_id=state.application_id,
            extra={
                "member": payloads.member(member, with_user=False),
                "mentions": [payloads.user(user) for user in users],
            },
        )
        if not intents & Intent.MESSAGE_CONTENT and state.bot.id not in mentioned:
            data |= {"content": "", "embeds": [], "attachments": [], "components": []}
        return data

    state.dispatch("MESSAGE_CREATE", payload, Intent.GUILD_MESSAGES)
    state.changed()
    return message
