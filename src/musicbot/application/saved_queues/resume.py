from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.settings import PlayerSettings
from musicbot.domain.ids import ChannelId
from musicbot.domain.player import Player
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.queue_snapshot import QueueSnapshot
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumeQueueCommand:
    snapshot: QueueSnapshot
    voice_channel_id: ChannelId | None = None  # where to rejoin, when not the saved channel


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumeQueueResult:
    resumed: bool  # False: the guild's player had a queue already (someone was quicker than the restart)
    playing: Song | None  # the song taken up again (None: nothing was playing, or it could not play)
    position: float  # seconds into it
    paused: bool
    queued: int  # songs after it
    dropped: int  # songs the queue had no room for


class ResumeQueue:
    """After a restart: rejoin the saved voice channel and take the queue up where it was."""

    def __init__(self, registry: PlayerRegistry, settings: PlayerSettings) -> None:
        self._registry = registry
        self._settings = settings

    async def execute(self, command: ResumeQueueCommand) -> ResumeQueueResult:
        snapshot = command.snapshot
        saved = Player.from_snapshot(
            snapshot,
            max_size=self._settings.max_queue_size,
            history_size=self._settings.history_size,
            max_song_attempts=self._settings.max_song_attempts,
        )
        dropped = len(snapshot.songs) - len(saved.tracklist)
        channel_id = command.voice_channel_id or snapshot.voice_channel_id
        busy = self._registry.find(snapshot.guild_id)
        if busy is not None and len(busy.tracklist):  # not even moved: someone plays there already
            return _not_resumed(dropped)
        player, _ = await self._registry.join(snapshot.guild_id, channel_id)
        if len(player.tracklist):
            return _not_resumed(dropped)
        saved_current = saved.current
        start_at = saved.state.held or 0.0
        paused = saved.state.status is PlayerStatus.PAUSED
        playing = await player.restore(saved)
        started_as_saved = playing is not None and playing is saved_current
        return ResumeQueueResult(
            resumed=True,
            playing=playing,
            position=start_at if started_as_saved else 0.0,
            paused=paused and started_as_saved,
            queued=len(player.tracklist.upcoming),
            dropped=dropped,
        )


def _not_resumed(dropped: int) -> ResumeQueueResult:
    return ResumeQueueResult(resumed=False, playing=None, position=0.0, paused=False, queued=0, dropped=dropped)
