from musicbot.application.playback.common import GuildCommand, SongResult
from musicbot.application.playback.registry import PlayerRegistry


class BackSong:
    """The song that played before plays again (from its start); the one playing now comes right after it."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> SongResult:
        return SongResult(song=await self._registry.get(command.guild_id).back())
