from musicbot.application.playback.common import ControlCommand, SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Permission, VoiceRules, proceed


class BackSong:
    """The song that played before plays again (from its start); the one playing now comes right after it."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> SongResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        return SongResult(song=await self._registry.get(command.guild_id).back())
