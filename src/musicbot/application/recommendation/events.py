"""`RecommendationEvents`: playback events, passed on, that also feed the listening history and radio."""

from __future__ import annotations

import logging
from collections.abc import Callable

from musicbot.application.ports import BatchProgress, Clock, PlaybackEvents
from musicbot.application.recommendation.ports import ListeningHistory
from musicbot.application.recommendation.radio import Radio
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song

log = logging.getLogger(__name__)


class RecommendationEvents:
    """Wraps the front end's `PlaybackEvents`. Every song that starts is recorded in the history (by its
    requester); radio tops the queue up as the last queued song starts, so the next one is prefetched with no
    gap, and again when the queue ran out anyway. The end of the queue is only announced when radio added nothing.
    A failure here is logged, never passed to the player.

    `radio` is a getter: the player registry needs these events before the radio (which needs the registry)
    can be built, so the composition root passes the radio's provider. `record_plays=False` when something
    else already records each play in the same history (the storage's `HistoryRecordingEvents`).
    """

    def __init__(
        self,
        inner: PlaybackEvents,
        *,
        history: ListeningHistory,
        radio: Callable[[], Radio],
        clock: Clock,
        record_plays: bool = True,
    ) -> None:
        self._inner = inner
        self._history = history
        self._get_radio = radio
        self._clock = clock
        self._record_plays = record_plays

    @property
    def _radio(self) -> Radio:
        return self._get_radio()

    async def song_started(self, guild_id: GuildId, song: Song) -> None:
        await self._inner.song_started(guild_id, song)
        try:
            if self._record_plays:
                await self._history.record(guild_id, song.requester, song.track, self._clock.now())
            self._radio.note_played(guild_id, song.track)
            if self._radio.is_on(guild_id):
                await self._radio.top_up(guild_id)
        except Exception:
            log.exception("recording the play or topping radio up failed in guild %s", guild_id)

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None:
        await self._inner.song_failed(guild_id, song, reason)

    async def queue_finished(self, guild_id: GuildId) -> None:
        queued = []
        if self._radio.is_on(guild_id):
            try:
                queued = await self._radio.top_up(guild_id)
            except Exception:
                log.exception("radio could not continue in guild %s", guild_id)
        if not queued:
            await self._inner.queue_finished(guild_id)

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None:
        await self._inner.batch_progress(guild_id, progress)
