"""What a guild's server managers chose (or the defaults), for /settings and the console's `settings`."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.voice_rules import Caller, VoiceRules
from musicbot.domain.guild_settings import GuildSettings
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowSettingsQuery:
    guild_id: GuildId
    caller: Caller


class ShowGuildSettings:
    def __init__(self, settings: GuildSettingsStore) -> None:
        self._settings = settings

    async def execute(self, query: ShowSettingsQuery) -> GuildSettings:
        VoiceRules.require_manager(query.caller, "see the server's settings")
        return await self._settings.load(query.guild_id)
