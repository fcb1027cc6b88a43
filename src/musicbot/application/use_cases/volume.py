from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeCommand:
    guild_id: GuildId
    percent: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeResult:
    percent: int


class SetVolume:
    """0-200 %; it takes effect on the song that plays, without restarting it."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: VolumeCommand) -> VolumeResult:
        volume = await self._registry.get(command.guild_id).set_volume(command.percent)
        return VolumeResult(percent=volume.percent)
