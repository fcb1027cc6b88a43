"""The read-through cache of guild settings: read once a guild, defaults from the bot-wide settings, changes
kept only once committed."""

import asyncio
from dataclasses import replace

import pytest

from musicbot.application.guild.settings import SettingsDefaults
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.errors import InvalidVolume
from musicbot.domain.guild_settings import GuildSettings, InvalidAutoLeave
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.wiring import GUILD, OTHER_GUILD

DEFAULTS = SettingsDefaults(volume=70, auto_leave_seconds=600)


async def test_a_guild_that_never_chose_gets_the_bot_wide_defaults() -> None:
    store = FakeSettingsStorage().store(DEFAULTS)

    loaded = await store.load(GUILD)

    assert loaded == GuildSettings(guild_id=GUILD, volume=Volume(70), auto_leave_seconds=600)
    assert store.get(OTHER_GUILD) == GuildSettings(guild_id=OTHER_GUILD, volume=Volume(70), auto_leave_seconds=600)


async def test_the_row_is_read_once_then_served_from_memory() -> None:
    storage = FakeSettingsStorage()
    storage.repository.committed[GUILD] = GuildSettings(guild_id=GUILD, volume=Volume(40), always_on=True)
    store = storage.store(DEFAULTS)

    assert store.get(GUILD).volume.percent == 70  # not loaded yet: the defaults
    loaded = await asyncio.gather(*(store.load(GUILD) for _ in range(5)))

    assert {settings.volume.percent for settings in loaded} == {40}
    assert store.get(GUILD).always_on
    assert store.is_loaded(GUILD)
    assert storage.repository.reads == 1


async def test_a_change_is_written_through_and_kept_once_committed() -> None:
    storage = FakeSettingsStorage()
    store = storage.store(DEFAULTS)

    saved = await store.update(GUILD, lambda s: replace(s, volume=Volume(55), repeat=RepeatMode.QUEUE))

    assert saved == store.get(GUILD) == storage.repository.committed[GUILD]
    assert (saved.volume.percent, saved.repeat, saved.auto_leave_seconds) == (55, RepeatMode.QUEUE, 600)
    assert storage.commits == 1


async def test_a_change_that_changes_nothing_writes_nothing() -> None:
    storage = FakeSettingsStorage()
    store = storage.store(DEFAULTS)

    await store.update(GUILD, lambda s: replace(s, volume=Volume(70)))

    assert storage.commits == 0
    assert GUILD not in storage.repository.committed


async def test_a_failed_commit_changes_nothing() -> None:
    storage = FakeSettingsStorage()
    store = storage.store(DEFAULTS)
    await store.load(GUILD)
    storage.fail_commits = StorageUnavailable()

    with pytest.raises(StorageUnavailable):
        await store.update(GUILD, lambda s: replace(s, always_on=True))

    assert not store.get(GUILD).always_on
    assert GUILD not in storage.repository.committed


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda s: replace(s, volume=Volume(201)), InvalidVolume),
        (lambda s: replace(s, auto_leave_seconds=-60), InvalidAutoLeave),
        (lambda s: replace(s, auto_leave_seconds=25 * 3600), InvalidAutoLeave),
    ],
)
async def test_values_out_of_range_are_refused_before_anything_is_written(change: object, error: type) -> None:
    storage = FakeSettingsStorage()
    store = storage.store(DEFAULTS)

    with pytest.raises(error):
        await store.update(GUILD, change)  # type: ignore[arg-type]

    assert storage.commits == 0
    assert store.get(GUILD) == DEFAULTS.for_guild(GUILD)


async def test_concurrent_changes_of_one_guild_all_land() -> None:
    storage = FakeSettingsStorage()
    store = storage.store(DEFAULTS)

    await asyncio.gather(
        store.update(GUILD, lambda s: replace(s, volume=Volume(10))),
        store.update(GUILD, lambda s: replace(s, always_on=True)),
        store.update(GUILD, lambda s: replace(s, repeat=RepeatMode.TRACK)),
    )

    final = storage.repository.committed[GUILD]
    assert (final.volume.percent, final.always_on, final.repeat) == (10, True, RepeatMode.TRACK)
    assert store.get(GUILD) == final
    assert len(store._locks) == 0  # no per-guild lock outlives its users


async def test_preload_falls_back_to_the_defaults_while_storage_is_down_and_reads_later() -> None:
    storage = FakeSettingsStorage()
    storage.repository.committed[GUILD] = GuildSettings(guild_id=GUILD, always_on=True)
    store = storage.store(DEFAULTS)
    storage.fail = StorageUnavailable()

    assert not await store.preload(GUILD)
    assert not store.is_loaded(GUILD)
    with pytest.raises(StorageUnavailable):
        await store.load(GUILD)

    storage.fail = None
    assert await store.preload(GUILD)
    assert store.get(GUILD).always_on


async def test_forgetting_a_guild_frees_its_memory_but_keeps_its_row() -> None:
    storage = FakeSettingsStorage()
    store = storage.store(DEFAULTS)
    await store.update(GUILD, lambda s: replace(s, volume=Volume(30)))

    store.forget(GUILD)

    assert len(store) == 0
    assert (await store.load(GUILD)).volume.percent == 30
