"""Read-only playlist queries: a page of summaries, one summary, a page of tracks; each one indexed query.

`SqlAlchemyPlaylistRepository` mixes these in: they read the same tables without building the aggregate.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.rows import track_from
from musicbot.application.playlists.views import PlaylistSummary, SummaryPage
from musicbot.domain.errors import InvalidPlaylistName
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import PlaylistName
from musicbot.domain.track import Track

p, i, a = t.playlists.c, t.playlist_items.c, t.active_playlists.c


class PlaylistViewQueries:
    _conn: AsyncConnection

    async def summaries(self, guild_id: GuildId, *, offset: int, limit: int) -> SummaryPage:
        rows = await self._conn.execute(
            _summaries(p.guild_id == guild_id).order_by(p.name_key).offset(max(offset, 0)).limit(max(limit, 0))
        )
        total = await self._conn.scalar(sa.select(sa.func.count()).where(p.guild_id == guild_id))
        active = await self._conn.scalar(
            sa.select(p.name).join(t.active_playlists, a.playlist_id == p.id).where(a.guild_id == guild_id)
        )
        return SummaryPage(summaries=tuple(_summary(row) for row in rows), total=total or 0, active=active)

    async def summary(self, guild_id: GuildId, name: str | None) -> PlaylistSummary | None:
        if name is None:
            where = p.id == sa.select(a.playlist_id).where(a.guild_id == guild_id).scalar_subquery()
        else:
            try:
                where = sa.and_(p.guild_id == guild_id, p.name_key == PlaylistName(name).key)
            except InvalidPlaylistName:
                return None
        row = (await self._conn.execute(_summaries(where))).first()
        return _summary(row) if row is not None else None

    async def tracks_page(self, guild_id: GuildId, name: str, *, offset: int, limit: int) -> tuple[Track, ...]:
        try:
            key = PlaylistName(name).key
        except InvalidPlaylistName:
            return ()
        playlist = sa.select(p.id).where(p.guild_id == guild_id, p.name_key == key).scalar_subquery()
        query = (
            sa.select(i.title, i.artist, i.duration, i.source, i.page_url, i.thumbnail)
            .where(i.playlist_id == playlist, i.position > max(offset, 0), i.position <= max(offset, 0) + limit)
            .order_by(i.position)
        )
        return tuple(track_from(row) for row in (await self._conn.execute(query)).mappings())


def _summaries(where: sa.ColumnElement[bool]) -> sa.Select[str, int, int, bool, float]:
    duration = sa.select(sa.func.coalesce(sa.func.sum(i.duration), 0.0)).where(i.playlist_id == p.id)
    active = sa.exists().where(a.guild_id == p.guild_id, a.playlist_id == p.id)
    return sa.select(p.name, p.item_count, p.max_size, active, duration.scalar_subquery()).where(where)


def _summary(row: sa.Row[str, int, int, bool, float]) -> PlaylistSummary:
    name, size, max_size, active, duration = row
    return PlaylistSummary(name=name, size=size, max_size=max_size, active=bool(active), total_duration=float(duration))
