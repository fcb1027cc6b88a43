"""Getting a song ready to play: resolve it, or its stream again once it expired, retrying what may pass."""

from __future__ import annotations

import logging

from musicbot.application.errors import TrackUnavailable
from musicbot.application.ports import Clock, TrackResolver
from musicbot.domain.ids import UserId
from musicbot.domain.song import Song, SongState
from musicbot.domain.track import SourceKind, Track

log = logging.getLogger(__name__)


def request_track(query: str) -> Track:
    """What stands for a request until it is resolved: the query itself, as a SEARCH track."""
    return Track(title=query, page_url=query, source=SourceKind.SEARCH)


class SongPreparer:
    def __init__(self, *, resolver: TrackResolver, clock: Clock, max_attempts: int) -> None:
        self._resolver = resolver
        self._clock = clock
        self._max_attempts = max_attempts

    def new_song(self, query: str, requester: UserId) -> Song:
        return Song(
            track=request_track(query),
            requester=requester,
            requested_at=self._clock.now(),
            max_attempts=self._max_attempts,
        )

    async def prepare(self, song: Song) -> None:
        """Leave `song` READY with a playable stream, or FAILED and raise `TrackUnavailable`."""
        if song.state is SongState.READY and song.track.is_playable_at(self._clock.now()):
            return
        if song.state is SongState.FAILED:
            if not song.can_retry:
                raise TrackUnavailable(song.failure_reason or "this song cannot be played")
            song.retry(self._clock.now())
        while True:
            song.start_processing(self._clock.now())
            try:
                track = await self._fetch(song.track)
            except TrackUnavailable as error:
                song.mark_failed(error.reason, self._clock.now())
                if error.transient and song.can_retry:
                    log.info("retrying %r after: %s", song.track.title, error.reason)
                    song.retry(self._clock.now())
                    continue
                raise
            song.mark_ready(track, self._clock.now())
            return

    async def _fetch(self, track: Track) -> Track:
        if track.source is SourceKind.SEARCH:
            return await self._resolver.resolve(track.page_url)
        return await self._resolver.refresh(track)
