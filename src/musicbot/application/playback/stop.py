from musicbot.application.playback.common import CountResult, GuildCommand
from musicbot.application.playback.registry import PlayerRegistry


class StopPlayback:
    """Stop playing and clear the queue; the bot stays in the channel."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> CountResult:
        dropped = await self._registry.get(command.guild_id).stop()
        return CountResult(count=dropped)
