"""Guild settings in SQL: one row a guild, written whole."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.upsert import upsert
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.errors import DomainError
from musicbot.domain.guild_settings import GuildSettings, RoleId
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode


class SqlAlchemyGuildSettingsRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def get(self, guild_id: GuildId) -> GuildSettings:
        found = await self.find(guild_id)
        return GuildSettings(guild_id=guild_id) if found is None else found

    async def find(self, guild_id: GuildId) -> GuildSettings | None:
        row = (
            (await self._conn.execute(sa.select(t.guild_settings).where(t.guild_settings.c.guild_id == guild_id)))
            .mappings()
            .first()
        )
        if row is None:
            return None
        return GuildSettings(
            guild_id=guild_id,
            volume=Volume(row["volume"]),
            repeat=RepeatMode(row["repeat"]),
            always_on=row["always_on"],
            auto_leave_seconds=row["auto_leave_seconds"],
            dj_role_id=None if row["dj_role_id"] is None else RoleId(row["dj_role_id"]),
            music_channel_id=None if row["music_channel_id"] is None else ChannelId(row["music_channel_id"]),
            audio_filter=_audio_filter(row["audio_filter"]),
            fair_queue=bool(row["fair_queue"]),
        )

    async def save(self, settings: GuildSettings) -> None:
        values = {
            "guild_id": settings.guild_id,
            "volume": settings.volume.percent,
            "repeat": settings.repeat.value,
            "always_on": settings.always_on,
            "auto_leave_seconds": settings.auto_leave_seconds,
            "dj_role_id": settings.dj_role_id,
            "music_channel_id": settings.music_channel_id,
            "audio_filter": None if settings.audio_filter.is_off else settings.audio_filter.to_text(),
            "fair_queue": settings.fair_queue,
        }
        await upsert(self._conn, t.guild_settings, values, key=["guild_id"])


def _audio_filter(text: str | None) -> AudioFilter:
    try:
        return AudioFilter.from_text(text)
    except (DomainError, ValueError):  # a preset a later version dropped: play unfiltered rather than fail
        return AudioFilter()
