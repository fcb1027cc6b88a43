from dataclasses import dataclass

from musicbot.application.playback.common import SongResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class SkipToCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them
    position: int


class SkipTo:
    """Jump to a queued song; the ones before it are skipped."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: SkipToCommand, *, accepted: Accepted = proceed) -> SongResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        song = await self._registry.get(command.guild_id).skip_to(command.position)
        return SongResult(song=song)
