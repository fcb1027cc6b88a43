from musicbot.application.playback.common import CountResult, GuildCommand
from musicbot.application.playback.registry import PlayerRegistry


class ShuffleQueue:
    """Shuffle the upcoming songs; the current one keeps playing."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> CountResult:
        count = await self._registry.get(command.guild_id).shuffle()
        return CountResult(count=count)
