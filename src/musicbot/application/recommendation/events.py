"""Radio's handlers on the message bus: it hears songs start and the queue end, and keeps the queue going.

Radio tops the queue up as the last queued song starts, so the next one is prefetched with no gap, and again
when the queue ran out anyway. The end of the queue is only told (`QueueFinished`) when radio added nothing.
Plays are recorded by the history recorder, a handler of its own.
"""

from __future__ import annotations

import logging

from musicbot.application.playback.events import QueueFinished
from musicbot.application.recommendation.radio import Radio
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import QueueEnded, SongStarted

log = logging.getLogger(__name__)


class RadioHandlers:
    def __init__(self, radio: Radio) -> None:
        self._radio = radio

    def subscribe(self, bus: MessageBus) -> None:
        bus.subscribe(SongStarted, self.song_started)
        bus.subscribe(QueueEnded, self.queue_ended)

    async def song_started(self, event: SongStarted) -> None:
        self._radio.note_played(event.guild_id, event.song.track)
        if self._radio.is_on(event.guild_id):
            await self._radio.top_up(event.guild_id)

    async def queue_ended(self, event: QueueEnded) -> list[object]:
        """Radio goes on when it is on and finds songs; else the end is told."""
        queued = []
        if self._radio.is_on(event.guild_id):
            try:
                queued = await self._radio.top_up(event.guild_id)
            except Exception:
                log.exception("radio could not continue in guild %s", event.guild_id)
        return [] if queued else [QueueFinished(event.guild_id)]
