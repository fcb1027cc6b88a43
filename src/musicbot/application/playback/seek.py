from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class SeekCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them
    position: float  # seconds; parse what users type with `timecode.parse_seek`
    relative: bool = False  # `position` is an offset from where the song is (+10, -30)


@dataclass(frozen=True, slots=True, kw_only=True)
class SeekResult:
    song: Song
    position: float


class SeekSong:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: SeekCommand, *, accepted: Accepted = proceed) -> SeekResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        player = self._registry.get(command.guild_id)
        position = command.position
        if command.relative:
            # Back past the start is the start; forward past the end is the song's last second.
            position = max(player.elapsed() + command.position, 0.0)
            song = player.current
            if song is not None and song.track.duration is not None:
                position = min(position, max(song.track.duration - 1.0, 0.0))
        song = await player.seek(position)
        return SeekResult(song=song, position=position)
