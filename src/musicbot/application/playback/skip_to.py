from dataclasses import dataclass

from musicbot.application.playback.common import SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class SkipToCommand:
    guild_id: GuildId
    position: int


class SkipTo:
    """Jump to a queued song; the ones before it are skipped."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: SkipToCommand) -> SongResult:
        song = await self._registry.get(command.guild_id).skip_to(command.position)
        return SongResult(song=song)
