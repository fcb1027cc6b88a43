from dataclasses import dataclass, replace

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import GuildId
from musicbot.domain.tracklist import RepeatMode


@dataclass(frozen=True, slots=True, kw_only=True)
class RepeatCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them
    mode: RepeatMode


@dataclass(frozen=True, slots=True, kw_only=True)
class RepeatResult:
    mode: RepeatMode


class SetRepeat:
    """The guild's repeat mode, kept for its next sessions too (saved first, then applied)."""

    def __init__(self, registry: PlayerRegistry, settings: GuildSettingsStore) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._settings = settings

    async def execute(self, command: RepeatCommand, *, accepted: Accepted = proceed) -> RepeatResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        player = self._registry.get(command.guild_id)
        await self._settings.update(command.guild_id, lambda s: replace(s, repeat=command.mode))
        mode = await player.set_repeat(command.mode)
        return RepeatResult(mode=mode)
