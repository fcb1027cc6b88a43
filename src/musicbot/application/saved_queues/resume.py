from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.saved_queues.restore import restore_queue
from musicbot.application.saved_queues.snapshot import QueueSnapshot
from musicbot.domain.ids import ChannelId
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
        restored = restore_queue(command.snapshot, settings=self._settings)
        channel_id = command.voice_channel_id or restored.voice_channel_id
        busy = self._registry.find(restored.guild_id)
        if busy is not None and len(busy.tracklist):  # not even moved: someone plays there already
            return _not_resumed(restored.dropped)
        player, _ = await self._registry.join(restored.guild_id, channel_id)
        if len(player.tracklist):
            return _not_resumed(restored.dropped)
        saved_current = restored.tracklist.current
        playing = await player.restore(
            restored.tracklist, volume=restored.volume, start_at=restored.start_at, paused=restored.paused
        )
        started_as_saved = playing is not None and playing is saved_current
        return ResumeQueueResult(
            resumed=True,
            playing=playing,
            position=restored.start_at if started_as_saved else 0.0,
            paused=restored.paused and started_as_saved,
            queued=len(player.tracklist.upcoming),
            dropped=restored.dropped,
        )


def _not_resumed(dropped: int) -> ResumeQueueResult:
    return ResumeQueueResult(resumed=False, playing=None, position=0.0, paused=False, queued=0, dropped=dropped)
