from musicbot.application.playback.common import ControlCommand, CountResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Permission, VoiceRules, proceed


class StopPlayback:
    """Stop playing and clear the queue; the bot stays in the channel."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> CountResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        dropped = await self._registry.get(command.guild_id).stop()
        return CountResult(count=dropped)
