from dataclasses import dataclass

from musicbot.application.playback.common import GuildCommand
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song
from musicbot.domain.tracklist import RepeatMode


@dataclass(frozen=True, slots=True, kw_only=True)
class NowPlaying:
    song: Song
    elapsed: float
    duration: float | None
    status: PlayerStatus
    volume: int
    repeat: RepeatMode

    @property
    def progress(self) -> float | None:
        """0.0-1.0, or None for a live stream."""
        if not self.duration:
            return None
        return min(self.elapsed / self.duration, 1.0)


def now_playing_of(player: GuildPlayer) -> NowPlaying | None:
    song = player.current
    if song is None:
        return None
    return NowPlaying(
        song=song,
        elapsed=player.elapsed(),
        duration=song.track.duration,
        status=player.state.status,
        volume=player.state.volume.percent,
        repeat=player.tracklist.repeat,
    )


class ShowNowPlaying:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, command: GuildCommand) -> NowPlaying:
        player = self._registry.find(command.guild_id)
        view = now_playing_of(player) if player is not None else None
        if view is None:
            raise NothingPlaying
        return view
