"""24/7: a server manager keeps the bot in its voice channel even when idle or alone (kept across restarts)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.voice_rules import Caller, VoiceRules
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class StayConnectedCommand:
    guild_id: GuildId
    caller: Caller
    enabled: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class StayConnectedResult:
    enabled: bool


class SetStayConnected:
    def __init__(self, settings: GuildSettingsStore) -> None:
        self._settings = settings

    async def execute(self, command: StayConnectedCommand) -> StayConnectedResult:
        VoiceRules.require_manager(command.caller, "turn 24/7 on or off")
        settings = await self._settings.update(command.guild_id, lambda s: replace(s, always_on=command.enabled))
        return StayConnectedResult(enabled=settings.always_on)
