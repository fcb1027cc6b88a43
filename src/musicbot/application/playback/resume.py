from musicbot.application.playback.common import GuildCommand, SongResult
from musicbot.application.playback.registry import PlayerRegistry


class ResumePlayback:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> SongResult:
        song = await self._registry.get(command.guild_id).resume()
        return SongResult(song=song)
