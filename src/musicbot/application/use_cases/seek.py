from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class SeekCommand:
    guild_id: GuildId
    position: float  # seconds; parse what users type with `timecode.parse_position`


@dataclass(frozen=True, slots=True, kw_only=True)
class SeekResult:
    song: Song
    position: float


class SeekSong:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: SeekCommand) -> SeekResult:
        song = await self._registry.get(command.guild_id).seek(command.position)
        return SeekResult(song=song, position=command.position)
