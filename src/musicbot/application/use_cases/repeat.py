from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId
from musicbot.domain.tracklist import RepeatMode


@dataclass(frozen=True, slots=True, kw_only=True)
class RepeatCommand:
    guild_id: GuildId
    mode: RepeatMode


@dataclass(frozen=True, slots=True, kw_only=True)
class RepeatResult:
    mode: RepeatMode


class SetRepeat:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: RepeatCommand) -> RepeatResult:
        mode = await self._registry.get(command.guild_id).set_repeat(command.mode)
        return RepeatResult(mode=mode)
