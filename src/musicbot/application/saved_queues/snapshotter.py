"""A guild player's queue as a snapshot: read at once, on the event loop, so it is never half a change."""

from __future__ import annotations

from musicbot.application.playback.player import GuildPlayer
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import ChannelId
from musicbot.domain.queue_snapshot import QueueSnapshot


class QueueSnapshotter:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def snapshot(self, player: GuildPlayer, *, text_channel_id: ChannelId | None = None) -> QueueSnapshot | None:
        """The player's queue now; None when it holds nothing (nothing to restore: a saved queue is deleted)."""
        if player.closed or not len(player.tracklist):
            return None
        # Where the audio sent got, when the output can tell: the player's own clock runs through a stall.
        return player.model.to_snapshot(
            voice_channel_id=player.channel_id,
            text_channel_id=text_channel_id,
            position=player.elapsed(),
            saved_at=self._clock.now(),
        )
