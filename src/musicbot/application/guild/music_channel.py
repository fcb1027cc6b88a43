"""A guild may name one text channel for music commands; members are pointed there from the others.

`AdmitCommand` is the gate a driver with text channels runs before each command's own use-case (the bot's slash
and text commands, and the plain requests it reads): it loads the guild's settings, which what follows reads (the
DJ role), then applies the rule. Server managers are not held to it (they set it, and may need to fix it from
anywhere), nor is /settings, the command that sets and fixes it. A driver without text channels (the console)
has no channel to be pointed from, and runs no gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.errors import ApplicationError
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.domain.ids import ChannelId, GuildId

# Commands taken in any channel, by their first word: /settings is how the music channel is set and fixed.
TAKEN_ANYWHERE = frozenset({"settings"})


class UseMusicChannel(ApplicationError):
    """The command came from another text channel than the guild's music channel."""

    def __init__(self, channel_id: ChannelId) -> None:
        super().__init__("use the music channel for my commands")
        self.channel_id = channel_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Admission:
    guild_id: GuildId
    channel_id: ChannelId | None  # the text channel the command came from
    # The command's name ("settings show": its first word counts; a plain request is "recommend"). None: nothing
    # runs (names suggested while a member types): only the settings are loaded.
    command: str | None
    is_manager: bool = False  # the member has Manage Server


class AdmitCommand:
    def __init__(self, settings: GuildSettingsStore) -> None:
        self._settings = settings

    async def execute(self, admission: Admission) -> None:
        """Raises `UseMusicChannel` when the command belongs in the guild's music channel."""
        await self._settings.preload(admission.guild_id)  # without storage, no restriction: better than no music
        if admission.command is None or _taken_anywhere(admission.command):
            return
        required = self._settings.get(admission.guild_id).music_channel_id
        if required is None or admission.is_manager or admission.channel_id == required:
            return
        raise UseMusicChannel(required)


def _taken_anywhere(command: str) -> bool:
    first = command.split(maxsplit=1)[:1]
    return bool(first) and first[0] in TAKEN_ANYWHERE
