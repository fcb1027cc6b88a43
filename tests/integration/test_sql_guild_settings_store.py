"""Guild settings kept across restarts: the store over real SQL (SQLite, and PostgreSQL when configured), and the
bot's own wiring over SQLite in its data directory."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.adapters.sql.database import default_database_url
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.application.guild.settings import GuildSettingsStore, SettingsDefaults
from musicbot.application.guild.settings_change import ChangeSettingsCommand
from musicbot.application.playback.join import JoinCommand
from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.guild_settings import GuildSettings, RoleId
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.settings import Settings
from tests.fakes.events import RecordingEvents
from tests.fakes.voice import FakeVoiceGateway
from tests.integration.test_sql_backends import SQL, Storage, storage_fixture
from tests.unit.application.callers import in_channel

storage = storage_fixture(SQL)
GUILD, OTHER = GuildId(2**62 + 7), GuildId(12)
MUSIC = ChannelId(2**61 + 1)
VOICE = ChannelId(44)
MANAGER = Caller(user_id=UserId(1), is_manager=True)
DEFAULTS = SettingsDefaults(volume=90, auto_leave_seconds=240)


async def test_settings_survive_a_new_store_over_the_same_database(storage: Storage) -> None:
    assert storage.url is not None
    first = GuildSettingsStore(storage.uow, defaults=DEFAULTS)
    await first.update(
        GUILD,
        lambda s: replace(
            s,
            volume=Volume(35),
            repeat=RepeatMode.QUEUE,
            always_on=True,
            dj_role_id=RoleId(2**60),
            music_channel_id=MUSIC,
        ),
    )
    await first.update(OTHER, lambda s: replace(s, auto_leave_seconds=0))
    await first.update(OTHER, lambda s: replace(s, auto_leave_seconds=60))

    database = create_database(storage.url)  # as after a restart: another engine, nothing in memory
    try:
        second = GuildSettingsStore(unit_of_work_factory(database), defaults=DEFAULTS)
        assert await second.load(GUILD) == GuildSettings(
            guild_id=GUILD,
            volume=Volume(35),
            repeat=RepeatMode.QUEUE,
            always_on=True,
            auto_leave_seconds=240,
            dj_role_id=RoleId(2**60),
            music_channel_id=MUSIC,
        )
        assert (await second.load(OTHER)).auto_leave_seconds == 60
        assert await second.load(GuildId(99)) == DEFAULTS.for_guild(GuildId(99))  # never chose: no row
        await second.update(GUILD, lambda s: replace(s, dj_role_id=None, music_channel_id=None))
    finally:
        await database.dispose()

    third = GuildSettingsStore(storage.uow, defaults=DEFAULTS)
    cleared = await third.load(GUILD)
    assert (cleared.dj_role_id, cleared.music_channel_id, cleared.volume.percent) == (None, None, 35)


def container_over(data_dir: Path) -> Container:
    settings = Settings(_env_file=None, data_dir=data_dir, default_volume=80, idle_timeout=600)  # type: ignore[call-arg]
    return Container(settings=settings, gateway=FakeVoiceGateway(), events=RecordingEvents())


async def test_the_bot_s_wiring_keeps_settings_and_a_new_player_starts_with_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    await upgrade_async(default_database_url(data_dir))

    before = container_over(data_dir)
    try:
        rules = before.guild_rules.rules()
        assert (await rules.guild_settings.load(GUILD)).auto_leave_seconds == 600  # the bot-wide default
        command = ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, volume=45, repeat=RepeatMode.TRACK)
        await rules.change_settings.execute(command)
    finally:
        await before.core.database().dispose()

    after = container_over(data_dir)
    try:
        playback = after.players.playback()
        await playback.join.execute(JoinCommand(guild_id=GUILD, caller=in_channel(VOICE)))
        await playback.join.execute(JoinCommand(guild_id=OTHER, caller=in_channel(VOICE)))

        player = playback.registry.get(GUILD)
        assert player.state.volume.percent == 45
        assert player.tracklist.repeat is RepeatMode.TRACK
        assert playback.registry.get(OTHER).state.volume.percent == 80
        await playback.registry.close_all()
    finally:
        await after.core.database().dispose()
