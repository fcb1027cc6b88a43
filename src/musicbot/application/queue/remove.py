from dataclasses import dataclass

from musicbot.application.playback.common import SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveCommand:
    guild_id: GuildId
    position: int


class RemoveSong:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: RemoveCommand) -> SongResult:
        song = await self._registry.get(command.guild_id).remove(command.position)
        return SongResult(song=song)
