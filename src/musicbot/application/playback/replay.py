from musicbot.application.playback.common import ControlCommand, SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Permission, VoiceRules, proceed


class ReplaySong:
    """The song playing starts over (paused stays paused, as a seek)."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> SongResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        return SongResult(song=await self._registry.get(command.guild_id).seek(0.0))
