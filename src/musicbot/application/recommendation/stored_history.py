"""`StoredListeningHistory`: the recommendation `ListeningHistory` port over the storage's history repository.

Plays are the rows the storage keeps (one a play, recorded when a song starts). Co-plays and favourites are counted
here, by `SongKey`, over the guild's last `plays` plays: two uploads of the same song count as one, and "played
together" means within `together_window` plays of each other. A window (one indexed query) keeps both meanings, and
a guild's taste is in its recent plays anyway. The window is kept `window_ttl` seconds per guild (one recommendation
asks for it three times; a play recorded meanwhile counts a few seconds later), and songs' keys are remembered, so a
warm request costs one query rather than three.

Storage that fails (unreachable, not migrated) costs recommendations their history, never the answer: a read
that fails is logged and reads as nothing played; recording is left to the storage's own recorder.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from datetime import datetime

from musicbot.application.history.model import PlayRecord
from musicbot.application.history.ports import HistoryUnitOfWorkFactory
from musicbot.application.recommendation import play_counts
from musicbot.application.recommendation.ports import Play
from musicbot.application.recommendation.songs import SongKey, song_key
from musicbot.application.support.caching.single_flight import SingleFlight
from musicbot.application.support.caching.ttl_cache import TtlLruCache
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track

log = logging.getLogger(__name__)

_key_of = functools.lru_cache(maxsize=50_000)(song_key)  # pure, and its regexes are the costly part of a read
Window = tuple[tuple[PlayRecord, SongKey], ...]


class StoredListeningHistory:
    def __init__(
        self,
        uow_factory: HistoryUnitOfWorkFactory,
        *,
        clock: Clock,
        plays: int = 1000,
        together_window: int = 3,
        window_ttl: float = 5.0,
        max_guilds: int = 256,
    ) -> None:
        if plays < 1 or together_window < 1:
            raise ValueError("plays and together_window must be at least 1")
        self._uow_factory = uow_factory
        self._plays = plays
        self._window = together_window
        self._windows: TtlLruCache[GuildId, Window] = TtlLruCache(max_size=max_guilds, ttl=window_ttl, clock=clock)
        self._flights: SingleFlight[GuildId, Window] = SingleFlight()

    async def record(self, guild_id: GuildId, user_id: UserId, track: Track, at: datetime) -> None:
        play = PlayRecord(guild_id=guild_id, user_id=user_id, track=track, played_at=at)
        async with self._uow_factory() as uow:
            await uow.history.record(play)
            await uow.commit()

    async def recent(self, guild_id: GuildId, limit: int) -> list[Play]:
        if limit <= 0:
            return []
        records = await self._read(guild_id, limit)
        return [
            Play(guild_id=record.guild_id, user_id=record.user_id, track=record.track, played_at=record.played_at)
            for record in records
        ]

    async def played_together(self, guild_id: GuildId, tracks: list[Track], limit: int) -> list[tuple[Track, int]]:
        if not tracks or limit <= 0:
            return []
        seeds = {_key_of(track) for track in tracks}
        return play_counts.played_together(await self._oldest_first(guild_id), seeds, window=self._window, limit=limit)

    async def played_by(self, guild_id: GuildId, users: frozenset[UserId], limit: int) -> list[tuple[Track, int]]:
        if limit <= 0:
            return []
        return play_counts.played_by(await self._oldest_first(guild_id), users, limit=limit)

    async def _oldest_first(self, guild_id: GuildId) -> Sequence[tuple[PlayRecord, SongKey]]:
        cached = self._windows.get(guild_id)
        if cached is not None:
            return cached

        async def read() -> Window:
            records = await self._read(guild_id, self._plays)
            window = tuple((record, _key_of(record.track)) for record in reversed(records))
            self._windows.put(guild_id, window)
            return window

        return await self._flights.run(guild_id, read)

    async def _read(self, guild_id: GuildId, limit: int) -> list[PlayRecord]:
        try:
            async with self._uow_factory() as uow:
                return await uow.history.recent(guild_id, limit=limit)
        except Exception as error:  # recommending goes on without the history
            log.warning(
                "could not read the listening history of guild %s: %s: %s", guild_id, type(error).__name__, error
            )
            return []
