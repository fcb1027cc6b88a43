from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import ChannelId, GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinCommand:
    guild_id: GuildId
    channel_id: ChannelId


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinResult:
    channel_id: ChannelId
    moved: bool


class JoinVoice:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: JoinCommand) -> JoinResult:
        _, moved = await self._registry.join(command.guild_id, command.channel_id)
        return JoinResult(channel_id=command.channel_id, moved=moved)
