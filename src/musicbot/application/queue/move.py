from dataclasses import dataclass

from musicbot.application.playback.common import SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveCommand:
    guild_id: GuildId
    source: int
    target: int


class MoveSong:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: MoveCommand) -> SongResult:
        song = await self._registry.get(command.guild_id).move(command.source, command.target)
        return SongResult(song=song)
