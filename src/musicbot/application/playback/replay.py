from musicbot.application.playback.common import GuildCommand, SongResult
from musicbot.application.playback.registry import PlayerRegistry


class ReplaySong:
    """The song playing starts over (paused stays paused, as a seek)."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> SongResult:
        return SongResult(song=await self._registry.get(command.guild_id).seek(0.0))
