"""A guild's audio filter and fair queue are kept with its settings (migration 0003), on SQLite and PostgreSQL."""

from __future__ import annotations

from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from musicbot.domain.guild_settings import GuildSettings
from musicbot.domain.ids import GuildId
from musicbot.domain.player_state import Volume
from tests.integration.test_sql_backends import Storage, storage_fixture

storage = storage_fixture()
GUILD = GuildId(7)


async def test_the_filter_and_the_fair_queue_are_kept_and_off_is_kept_as_none(storage: Storage) -> None:
    filters = (AudioFilter(FilterPreset.SPEED, 1.5), AudioFilter(FilterPreset.BASS_HIGH), AudioFilter())
    for chosen, fair in zip(filters, (True, False, True), strict=True):
        settings = GuildSettings(guild_id=GUILD, volume=Volume(70), audio_filter=chosen, fair_queue=fair)
        async with storage.uow() as uow:
            await uow.guild_settings.save(settings)
            await uow.commit()
        async with storage.uow() as uow:
            assert await uow.guild_settings.get(GUILD) == settings
