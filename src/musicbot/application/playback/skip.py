from dataclasses import dataclass

from musicbot.application.playback.common import GuildCommand
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class SkipResult:
    skipped: Song
    now_playing: Song | None


class SkipSong:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> SkipResult:
        skipped, now_playing = await self._registry.get(command.guild_id).skip()
        return SkipResult(skipped=skipped, now_playing=now_playing)
