"""/settings and the console's `settings`; the saved volume and repeat mode applied to a guild's new player;
the music channel rule."""

from dataclasses import replace

import pytest

from musicbot.application.guild.music_channel import Admission, AdmitCommand, UseMusicChannel
from musicbot.application.guild.player_setup import ApplySavedSettings
from musicbot.application.guild.settings import SettingsDefaults
from musicbot.application.guild.settings_change import ChangeGuildSettings, ChangeSettingsCommand
from musicbot.application.guild.settings_show import ShowGuildSettings, ShowSettingsQuery
from musicbot.application.playback.join import JoinCommand, JoinVoice
from musicbot.application.playback.voice_rules import Caller, NotAllowed
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.errors import InvalidVolume
from musicbot.domain.guild_settings import GuildSettings, InvalidAutoLeave, RoleId
from musicbot.domain.ids import ChannelId
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import in_channel
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, OTHER_GUILD, App, AppFactory

MANAGER = Caller(user_id=ALICE, voice_channel_id=CHANNEL, is_manager=True)
MEMBER = Caller(user_id=ALICE, voice_channel_id=CHANNEL)
DJ = Caller(user_id=ALICE, voice_channel_id=CHANNEL, is_dj=True)
MUSIC, ELSEWHERE = ChannelId(801), ChannelId(802)


async def test_a_manager_sees_the_defaults_then_what_was_chosen(app: App) -> None:
    storage = FakeSettingsStorage()
    store = storage.store(SettingsDefaults(volume=90, auto_leave_seconds=120))
    show = ShowGuildSettings(store)

    assert await show.execute(ShowSettingsQuery(guild_id=GUILD, caller=MANAGER)) == GuildSettings(
        guild_id=GUILD, volume=Volume(90), auto_leave_seconds=120
    )
    change = ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, auto_leave_seconds=0, dj_role_id=RoleId(5))
    await ChangeGuildSettings(store, app.registry).execute(change)

    shown = await show.execute(ShowSettingsQuery(guild_id=GUILD, caller=MANAGER))
    assert (shown.volume.percent, shown.auto_leave_seconds, shown.dj_role_id) == (90, 0, 5)
    assert storage.repository.committed[GUILD] == shown


@pytest.mark.parametrize("caller", [MEMBER, DJ])
async def test_only_managers_see_or_change_settings(app: App, caller: Caller) -> None:
    storage = FakeSettingsStorage()
    store = storage.store()

    with pytest.raises(NotAllowed, match="Manage Server"):
        await ShowGuildSettings(store).execute(ShowSettingsQuery(guild_id=GUILD, caller=caller))
    with pytest.raises(NotAllowed, match="Manage Server"):
        await ChangeGuildSettings(store, app.registry).execute(
            ChangeSettingsCommand(guild_id=GUILD, caller=caller, volume=10)
        )
    assert storage.commits == 0


async def test_only_the_named_settings_change_and_none_clears(app: App) -> None:
    storage = FakeSettingsStorage()
    storage.repository.committed[GUILD] = GuildSettings(
        guild_id=GUILD, volume=Volume(60), dj_role_id=RoleId(5), music_channel_id=MUSIC, always_on=True
    )
    change = ChangeGuildSettings(storage.store(), app.registry)

    result = await change.execute(ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, dj_role_id=None))

    assert result.settings == GuildSettings(guild_id=GUILD, volume=Volume(60), music_channel_id=MUSIC, always_on=True)
    result = await change.execute(ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, music_channel_id=None))
    assert result.settings.music_channel_id is None
    assert storage.repository.committed[GUILD] == GuildSettings(guild_id=GUILD, volume=Volume(60), always_on=True)


@pytest.mark.parametrize(
    ("values", "error"),
    [({"volume": 201}, InvalidVolume), ({"auto_leave_seconds": 25 * 3600}, InvalidAutoLeave)],
)
async def test_out_of_range_values_are_refused(app: App, values: dict[str, int], error: type[Exception]) -> None:
    storage = FakeSettingsStorage()
    with pytest.raises(error):
        await ChangeGuildSettings(storage.store(), app.registry).execute(
            ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, **values)  # type: ignore[arg-type]
        )
    assert storage.commits == 0


async def test_a_new_volume_or_repeat_mode_reaches_the_player_in_voice_now(app: App) -> None:
    await app.play("a")
    change = ChangeGuildSettings(FakeSettingsStorage().store(), app.registry)

    result = await change.execute(
        ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, volume=30, repeat=RepeatMode.TRACK)
    )

    assert result.applied_now
    assert app.player().state.volume.percent == 30
    assert app.player().tracklist.repeat is RepeatMode.TRACK
    assert app.gateway.voice(GUILD).volumes == [0.3]
    other = await change.execute(ChangeSettingsCommand(guild_id=GUILD, caller=MANAGER, auto_leave_seconds=60))
    assert not other.applied_now


async def test_a_new_player_starts_with_the_guild_s_saved_volume_and_repeat(make_app: AppFactory) -> None:
    storage = FakeSettingsStorage()
    storage.repository.committed[GUILD] = GuildSettings(guild_id=GUILD, volume=Volume(25), repeat=RepeatMode.QUEUE)
    app = make_app(player_setup=ApplySavedSettings(storage.store(SettingsDefaults(volume=80))))

    await JoinVoice(app.registry).execute(JoinCommand(guild_id=GUILD, caller=in_channel(CHANNEL)))
    await app.play("a", guild_id=OTHER_GUILD)  # a guild that never chose: the default volume

    assert app.player().state.volume.percent == 25
    assert app.player().tracklist.repeat is RepeatMode.QUEUE
    await app.play("b")
    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.volume == 0.25
    assert app.player(OTHER_GUILD).state.volume.percent == 80


async def test_a_player_still_starts_when_storage_is_down(make_app: AppFactory) -> None:
    storage = FakeSettingsStorage(fail=StorageUnavailable())
    app = make_app(player_setup=ApplySavedSettings(storage.store(SettingsDefaults(volume=80))), default_volume=80)

    await app.play("a")

    assert app.player().state.volume.percent == 80
    assert app.gateway.current(GUILD) is not None


async def test_the_music_channel_points_members_there(app: App) -> None:
    storage = FakeSettingsStorage()
    store = storage.store()
    gate = AdmitCommand(store)

    def asking(command: str | None, channel: ChannelId | None = ELSEWHERE, **fields: object) -> Admission:
        values: dict[str, object] = {"guild_id": GUILD, "channel_id": channel, "command": command} | fields
        return Admission(**values)  # type: ignore[arg-type]

    await gate.execute(asking("queue"))  # none set: anywhere

    await store.update(GUILD, lambda s: replace(s, music_channel_id=MUSIC))
    store.forget(GUILD)  # as after a restart: the gate reads it
    with pytest.raises(UseMusicChannel) as refused:
        await gate.execute(asking("queue"))
    assert refused.value.channel_id == MUSIC
    assert store.is_loaded(GUILD)  # loaded before the command runs (the DJ role is read from it)
    for refused_command in ("play", "", "settingsx"):
        with pytest.raises(UseMusicChannel):
            await gate.execute(asking(refused_command))
    with pytest.raises(UseMusicChannel):
        await gate.execute(asking("play", channel=None))
    await gate.execute(asking("play", channel=MUSIC))
    await gate.execute(asking("play", is_manager=True))  # server managers: anywhere
    await gate.execute(asking("settings musicchannel"))  # how the music channel is set and fixed
    await gate.execute(asking(None))  # names suggested while typing: nothing runs
    await gate.execute(asking("play", guild_id=OTHER_GUILD))
