"""A guild may name one text channel for music commands; members are pointed there from the others.

Server managers are not held to it (they set it, and may need to fix it from anywhere). Which commands the rule
covers is the front end's choice (the bot leaves /settings out).
"""

from __future__ import annotations

from musicbot.application.errors import ApplicationError
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.ids import ChannelId, GuildId


class UseMusicChannel(ApplicationError):
    """The command came from another text channel than the guild's music channel."""

    def __init__(self, channel_id: ChannelId) -> None:
        super().__init__("use the music channel for my commands")
        self.channel_id = channel_id


class MusicChannelRule:
    def __init__(self, settings: GuildSettingsStore) -> None:
        self._settings = settings

    async def check(self, guild_id: GuildId, channel_id: ChannelId | None, caller: Caller) -> None:
        await self._settings.preload(guild_id)  # without storage, no restriction: better than no music
        required = self._settings.get(guild_id).music_channel_id
        if required is None or caller.is_manager or channel_id == required:
            return
        raise UseMusicChannel(required)
