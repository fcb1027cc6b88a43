"""Live queues in SQL: a row a guild and its songs in order (position 0 holds the current one, when any)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.rows import to_utc, track_from, track_values, utc
from musicbot.adapters.sql.upsert import upsert
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.tracklist import RepeatMode


class SqlAlchemyQueueRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def get(self, guild_id: GuildId) -> QueueSnapshot | None:
        found = await self._read(t.queues.c.guild_id == guild_id)
        return found[0] if found else None

    async def all(self) -> list[QueueSnapshot]:
        return await self._read(sa.true())

    async def save(self, snapshot: QueueSnapshot) -> None:
        head = {
            "guild_id": snapshot.guild_id,
            "voice_channel_id": snapshot.voice_channel_id,
            "text_channel_id": snapshot.text_channel_id,
            "has_current": snapshot.current is not None,
            "position": snapshot.position,
            "paused": snapshot.paused,
            "repeat": snapshot.repeat.value,
            "volume": snapshot.volume,
            "saved_at": to_utc(snapshot.saved_at),
        }
        await upsert(self._conn, t.queues, head, key=["guild_id"])
        await self._conn.execute(sa.delete(t.queue_items).where(t.queue_items.c.guild_id == snapshot.guild_id))
        first = 0 if snapshot.current is not None else 1
        items = [_item_values(snapshot.guild_id, first + n, song) for n, song in enumerate(snapshot.songs)]
        if items:
            await self._conn.execute(sa.insert(t.queue_items), items)

    async def delete(self, guild_id: GuildId) -> None:
        await self._conn.execute(sa.delete(t.queues).where(t.queues.c.guild_id == guild_id))

    async def _read(self, where: sa.ColumnElement[bool]) -> list[QueueSnapshot]:
        heads = (await self._conn.execute(sa.select(t.queues).where(where).order_by(t.queues.c.guild_id))).mappings()
        items = await self._conn.execute(
            sa.select(t.queue_items)
            .join(t.queues, t.queues.c.guild_id == t.queue_items.c.guild_id)
            .where(where)
            .order_by(t.queue_items.c.guild_id, t.queue_items.c.position)
        )
        songs: dict[int, list[RowMapping]] = {}
        for item in items.mappings():
            songs.setdefault(item["guild_id"], []).append(item)
        return [_snapshot(head, songs.get(head["guild_id"], [])) for head in heads.all()]


def _item_values(guild_id: GuildId, position: int, song: QueuedTrack) -> dict[str, object]:
    return {
        "guild_id": guild_id,
        "position": position,
        **track_values(song.track),
        "requester_id": song.requester,
        "requested_at": to_utc(song.requested_at),
    }


def _snapshot(head: RowMapping, items: Iterable[RowMapping]) -> QueueSnapshot:
    songs = [
        (
            item["position"],
            QueuedTrack(
                track=track_from(item), requester=UserId(item["requester_id"]), requested_at=utc(item["requested_at"])
            ),
        )
        for item in items
    ]
    current = songs[0][1] if head["has_current"] and songs and songs[0][0] == 0 else None
    upcoming = tuple(song for position, song in songs if position > 0)
    text_channel = head["text_channel_id"]
    return QueueSnapshot(
        guild_id=GuildId(head["guild_id"]),
        voice_channel_id=ChannelId(head["voice_channel_id"]),
        text_channel_id=None if text_channel is None else ChannelId(text_channel),
        current=current,
        position=head["position"],
        paused=head["paused"],
        upcoming=upcoming,
        repeat=RepeatMode(head["repeat"]),
        volume=head["volume"],
        saved_at=utc(head["saved_at"]),
    )
