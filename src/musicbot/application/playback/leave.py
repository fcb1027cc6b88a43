from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveCommand:
    guild_id: GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveResult:
    dropped: int


class LeaveVoice:
    """Disconnect and free everything the guild holds (its queue goes with it)."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: LeaveCommand) -> LeaveResult:
        player = self._registry.get(command.guild_id)
        dropped = len(player.tracklist)
        await self._registry.leave(command.guild_id)
        return LeaveResult(dropped=dropped)
