"""A guild player's queue as a snapshot: read at once, on the event loop, so it is never half a change."""

from __future__ import annotations

from musicbot.application.playback.player import GuildPlayer
from musicbot.application.saved_queues.snapshot import QueuedTrack, QueueSnapshot
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import ChannelId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song


class QueueSnapshotter:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def snapshot(self, player: GuildPlayer, *, text_channel_id: ChannelId | None = None) -> QueueSnapshot | None:
        """The player's queue now; None when it holds nothing (nothing to restore: a saved queue is deleted)."""
        tracklist = player.tracklist
        if player.closed or (tracklist.current is None and not tracklist.upcoming):
            return None
        current = tracklist.current
        return QueueSnapshot(
            guild_id=player.guild_id,
            voice_channel_id=player.channel_id,
            text_channel_id=text_channel_id,
            current=queued(current) if current is not None else None,
            position=max(player.elapsed(), 0.0) if current is not None else 0.0,
            paused=player.state.status is PlayerStatus.PAUSED,
            upcoming=tuple(queued(song) for song in tracklist.upcoming),
            repeat=tracklist.repeat,
            volume=player.state.volume.percent,
            saved_at=self._clock.now(),
        )


def queued(song: Song) -> QueuedTrack:
    return QueuedTrack(track=song.track.without_stream(), requester=song.requester, requested_at=song.requested_at)
