from musicbot.application.playback.common import ControlCommand, SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Permission, VoiceRules, proceed


class PausePlayback:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> SongResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        song = await self._registry.get(command.guild_id).pause()
        return SongResult(song=song)
