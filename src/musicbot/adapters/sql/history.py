"""Listening history in SQL: one row a play; co-played pairs from each play and the one after it in the guild."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.rows import to_utc, track_from, track_values, utc
from musicbot.application.history.model import PlayRecord
from musicbot.domain.ids import GuildId, UserId

h = t.listening_history.c


class SqlAlchemyListeningHistoryRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def record(self, play: PlayRecord) -> None:
        values = {
            "guild_id": play.guild_id,
            "user_id": play.user_id,
            **track_values(play.track),
            "played_at": to_utc(play.played_at),
        }
        await self._conn.execute(sa.insert(t.listening_history).values(**values))

    async def recent(self, guild_id: GuildId, *, limit: int) -> list[PlayRecord]:
        return await self._plays(h.guild_id == guild_id, limit)

    async def count_by_user(self, user_id: UserId, *, guild_id: GuildId | None = None) -> int:
        where = h.user_id == user_id
        if guild_id is not None:
            where = sa.and_(where, h.guild_id == guild_id)
        counted = await self._conn.execute(sa.select(sa.func.count()).select_from(t.listening_history).where(where))
        return int(counted.scalar_one())

    async def _plays(self, where: sa.ColumnElement[bool], limit: int) -> list[PlayRecord]:
        query = sa.select(t.listening_history).where(where).order_by(h.played_at.desc(), h.id.desc()).limit(limit)
        return [_record(row) for row in (await self._conn.execute(query)).mappings()]


def _record(row: RowMapping) -> PlayRecord:
    return PlayRecord(
        guild_id=GuildId(row["guild_id"]),
        user_id=UserId(row["user_id"]),
        track=track_from(row),
        played_at=utc(row["played_at"]),
    )
