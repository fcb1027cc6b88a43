"""`SqlAlchemyLyricsCache` (a `LyricsCache`): the lyrics service's answers kept in the database.

Lyrics do not change: found ones are kept for `ttl` (30 days by default); "none found" only for `negative_ttl`
(a day), since the service's volunteers add songs all the time. Outside any unit of work: a cache write is
never part of a user's transaction, and a failure is `PersistenceError`, which the use-case shrugs off.
"""

from __future__ import annotations

import json
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import exc

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.database import Database
from musicbot.adapters.sql.unit_of_work import translate
from musicbot.adapters.sql.upsert import upsert
from musicbot.application.lyrics.model import LyricLine, Lyrics
from musicbot.application.storage_errors import PersistenceError
from musicbot.application.support.clock import Clock


class SqlAlchemyLyricsCache:
    def __init__(
        self, database: Database, clock: Clock, *, ttl: float = 30 * 86400, negative_ttl: float = 86400
    ) -> None:
        self._database = database
        self._clock = clock
        self._ttl = timedelta(seconds=ttl)
        self._negative_ttl = timedelta(seconds=negative_ttl)

    async def get(self, key: str) -> tuple[bool, Lyrics | None] | None:
        try:
            async with self._database.connect() as connection:
                query = sa.select(t.lyrics_cache).where(t.lyrics_cache.c.query_key == key)
                row = (await connection.execute(query)).mappings().first()
                await connection.rollback()
        except (exc.SQLAlchemyError, OSError) as error:
            raise _persistence(error) from error
        if row is None:
            return None
        age = self._clock.now() - row["fetched_at"].replace(tzinfo=self._clock.now().tzinfo)
        if age > (self._ttl if row["found"] else self._negative_ttl):
            return None
        if not row["found"]:
            return False, None
        synced = tuple(LyricLine(at=float(at), text=str(text)) for at, text in json.loads(row["synced"] or "[]"))
        lyrics = Lyrics(
            title=row["title"] or "?",
            artist=row["artist"],
            plain=row["plain"],
            synced=synced,
            instrumental=row["instrumental"],
        )
        return True, lyrics

    async def put(self, key: str, lyrics: Lyrics | None) -> None:
        values = {
            "query_key": key,
            "found": lyrics is not None,
            "title": None if lyrics is None else lyrics.title,
            "artist": None if lyrics is None else lyrics.artist,
            "plain": None if lyrics is None else lyrics.plain,
            "synced": None if lyrics is None else json.dumps([[line.at, line.text] for line in lyrics.synced]),
            "instrumental": lyrics is not None and lyrics.instrumental,
            "fetched_at": self._clock.now(),
        }
        try:
            async with self._database.connect() as connection:
                await upsert(connection, t.lyrics_cache, values, key=["query_key"])
                await connection.commit()
        except (exc.SQLAlchemyError, OSError) as error:
            raise _persistence(error) from error


def _persistence(error: Exception) -> PersistenceError:
    translated = translate(error)
    if isinstance(translated, PersistenceError):
        return translated
    return PersistenceError(f"the lyrics cache failed: {error}")
