from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveResult:
    dropped: int


class LeaveVoice:
    """Disconnect and free everything the guild holds (its queue goes with it)."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: LeaveCommand, *, accepted: Accepted = proceed) -> LeaveResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        player = self._registry.get(command.guild_id)
        dropped = len(player.tracklist)
        await self._registry.leave(command.guild_id)
        return LeaveResult(dropped=dropped)
