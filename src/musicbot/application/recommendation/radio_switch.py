"""`SwitchRadio`: `/radio on|off` for a caller. On joins the caller's voice channel when the bot is in none;
off, while the bot plays somewhere, is for its listeners."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.application.recommendation.radio import Radio, RadioCommand, RadioStatus
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class SwitchRadioCommand:
    guild_id: GuildId
    caller: Caller
    on: bool


class SwitchRadio:
    def __init__(self, *, registry: PlayerRegistry, radio: Radio) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._radio = radio

    async def execute(self, command: SwitchRadioCommand, *, accepted: Accepted = proceed) -> RadioStatus:
        caller = command.caller
        connected = self._rules.bot_channel(command.guild_id)
        if command.on:
            self._rules.authorize(Permission.REQUEST, command.guild_id, caller)  # in voice; in the bot's channel if any
        elif connected is not None:
            self._rules.authorize(Permission.CONTROL, command.guild_id, caller)
        await accepted()
        if command.on and connected is None and caller.voice_channel_id is not None:
            await self._registry.join(command.guild_id, caller.voice_channel_id)
        return await self._radio.execute(RadioCommand(guild_id=command.guild_id, user_id=caller.user_id, on=command.on))
