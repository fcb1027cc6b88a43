from dataclasses import replace

import pytest

from musicbot.application.guild.auto_leave import (
    ORPHAN_GRACE,
    AutoLeave,
    AutoLeaveTimeouts,
    AutoLeft,
    Disconnected,
    LeaveReason,
)
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.settings import SettingsDefaults
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.join import JoinCommand, JoinVoice
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.guild_settings import GuildSettings
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.event_handlers import subscribe_auto_leave
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.wiring import CHANNEL, GUILD, OTHER_CHANNEL, OTHER_GUILD, App

IDLE, ALONE = 300.0, 60.0


class Rig:
    def __init__(self, app: App, *, idle: float = IDLE, alone: float = ALONE) -> None:
        self.app = app
        self.sessions = GuildSessions(app.clock)
        self.storage = FakeSettingsStorage()
        self.settings = self.storage.store(SettingsDefaults(auto_leave_seconds=round(idle)))
        self.auto_leave = AutoLeave(
            registry=app.registry,
            sessions=self.sessions,
            settings=self.settings,
            clock=app.clock,
            timeouts=AutoLeaveTimeouts(alone=alone),
        )

    async def join(self, guild_id: GuildId = GUILD, humans: int = 1) -> None:
        await JoinVoice(self.app.registry).execute(JoinCommand(guild_id=guild_id, caller=in_channel(CHANNEL)))
        self.auto_leave.listeners_changed(guild_id, humans)  # the bot's own voice state arrives

    async def after(self, seconds: float) -> list[AutoLeft]:
        self.app.clock.advance(seconds)
        return await self.auto_leave.sweep()


@pytest.fixture
def rig(app: App) -> Rig:
    return Rig(app)


async def test_leaves_after_the_idle_time_with_nothing_playing(rig: Rig) -> None:
    await rig.join()

    assert await rig.after(IDLE - 1) == []
    assert await rig.after(1) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.IDLE)]

    assert GUILD not in rig.app.registry
    assert not rig.app.gateway.is_connected(GUILD)
    assert len(rig.sessions) == 0


async def test_playing_holds_the_idle_timer_and_the_queue_finishing_starts_it(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")
    rig.auto_leave.playback_started(GUILD)

    assert await rig.after(IDLE * 3) == []

    await rig.app.finish()
    rig.auto_leave.playback_stopped(GUILD)  # the queue finished
    assert await rig.after(IDLE - 1) == []
    assert await rig.after(1) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.IDLE)]


async def test_paused_is_not_idle(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")
    await PausePlayback(rig.app.registry).execute(ControlCommand(caller=HERE, guild_id=GUILD))

    assert await rig.after(IDLE * 2) == []


async def test_a_missed_song_started_event_is_corrected_by_the_sweep(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")  # no playback_started reported

    assert await rig.after(IDLE) == []


async def test_leaves_after_the_alone_time_once_the_last_human_left(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")

    rig.auto_leave.listeners_changed(GUILD, 0)
    assert await rig.after(ALONE - 1) == []
    assert await rig.after(1) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.ALONE)]
    assert GUILD not in rig.app.registry


async def test_someone_coming_back_stops_the_alone_timer(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")
    rig.auto_leave.listeners_changed(GUILD, 0)
    await rig.after(ALONE - 1)

    rig.auto_leave.listeners_changed(GUILD, 1)
    assert await rig.after(ALONE * 2) == []

    rig.auto_leave.listeners_changed(GUILD, 0)  # the timer starts over, not from the first time
    assert await rig.after(ALONE - 1) == []


async def test_another_listener_leaving_keeps_the_first_alone_time(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")
    rig.auto_leave.listeners_changed(GUILD, 0)
    await rig.after(ALONE / 2)
    rig.auto_leave.listeners_changed(GUILD, 0)

    assert await rig.after(ALONE / 2) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.ALONE)]


async def test_24_7_stays_and_turning_it_off_gives_the_full_time_again(rig: Rig) -> None:
    await rig.join()
    rig.auto_leave.listeners_changed(GUILD, 0)
    await rig.settings.update(GUILD, lambda s: replace(s, always_on=True))

    assert await rig.after(IDLE * 10) == []

    await rig.settings.update(GUILD, lambda s: replace(s, always_on=False))
    assert await rig.after(ALONE - 1) == []
    assert await rig.after(1) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.ALONE)]


async def test_24_7_saved_before_a_restart_is_read_by_the_sweep(app: App) -> None:
    rig = Rig(app)
    rig.storage.repository.committed[GUILD] = GuildSettings(guild_id=GUILD, always_on=True)
    await rig.join()  # e.g. a queue restored at start: no command loaded the settings
    rig.auto_leave.listeners_changed(GUILD, 0)

    assert await rig.after(IDLE * 10) == []
    assert GUILD in rig.app.registry


async def test_a_guild_s_own_idle_time_replaces_the_default(rig: Rig) -> None:
    await rig.settings.update(GUILD, lambda s: replace(s, auto_leave_seconds=60))
    await rig.join(GUILD)
    await rig.join(OTHER_GUILD)

    assert await rig.after(60) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.IDLE)]
    assert await rig.after(IDLE - 60) == [AutoLeft(guild_id=OTHER_GUILD, reason=LeaveReason.IDLE)]


async def test_an_idle_time_of_zero_set_by_a_guild_never_leaves_when_idle(rig: Rig) -> None:
    await rig.settings.update(GUILD, lambda s: replace(s, auto_leave_seconds=0))
    await rig.join()

    assert await rig.after(86_400) == []
    rig.auto_leave.listeners_changed(GUILD, 0)  # alone still leaves
    assert await rig.after(ALONE) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.ALONE)]


async def test_while_storage_is_down_an_unread_guild_stays(app: App) -> None:
    rig = Rig(app)
    rig.storage.fail = StorageUnavailable()
    await rig.join()

    assert await rig.after(IDLE * 2) == []  # it may be 24/7: nothing is decided without its settings

    rig.storage.fail = None
    assert await rig.after(1) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.IDLE)]


async def test_a_timeout_of_zero_never_leaves(app: App) -> None:
    rig = Rig(app, idle=0, alone=0)
    await rig.join()
    rig.auto_leave.listeners_changed(GUILD, 0)

    assert await rig.after(86_400) == []


async def test_guilds_are_timed_apart(rig: Rig) -> None:
    await rig.join(GUILD)
    await rig.after(IDLE / 2)
    await rig.join(OTHER_GUILD)

    assert await rig.after(IDLE / 2) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.IDLE)]
    assert OTHER_GUILD in rig.app.registry
    assert await rig.after(IDLE / 2) == [AutoLeft(guild_id=OTHER_GUILD, reason=LeaveReason.IDLE)]


async def test_the_bot_disconnected_by_someone_frees_the_guild_and_keeps_its_queue(app: App) -> None:
    kept: list[object] = []
    rig = Rig(app)
    rig.auto_leave = AutoLeave(
        registry=app.registry,
        sessions=rig.sessions,
        settings=rig.settings,
        clock=app.clock,
        timeouts=AutoLeaveTimeouts(alone=ALONE),
        keep_queue=lambda player: kept.append(player) is None,
    )
    await rig.join()
    await rig.app.play("a")
    await rig.app.play("b")
    player = rig.app.player()

    rig.app.gateway.kicked(GUILD)
    told = await rig.auto_leave.bot_disconnected(GUILD)

    assert told == Disconnected(guild_id=GUILD, channel_id=CHANNEL, songs=2, kept=True)
    assert kept == [player]  # saved before the player closed
    assert GUILD not in rig.app.registry
    assert len(rig.sessions) == 0
    assert await rig.auto_leave.bot_disconnected(GUILD) is None  # again, or after a /leave: nothing to do


async def test_a_dropped_connection_being_reconnected_is_not_a_disconnect(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")

    assert rig.auto_leave.voice_up(GUILD)  # the output still counts it as connected: it is reconnecting
    assert await rig.auto_leave.bot_disconnected(GUILD) is None

    assert GUILD in rig.app.registry and rig.app.player().current is not None
    assert len(rig.sessions) == 1


async def test_the_bot_removed_from_the_guild_frees_everything(rig: Rig) -> None:
    await rig.join()
    await rig.app.play("a")
    await rig.auto_leave.guild_removed(GUILD)
    assert GUILD not in rig.app.registry
    assert len(rig.sessions) == 0


async def test_the_bot_dragged_elsewhere_plays_there(rig: Rig) -> None:
    await rig.join()

    rig.auto_leave.bot_moved(GUILD, OTHER_CHANNEL)

    assert rig.app.player().channel_id == OTHER_CHANNEL


async def test_a_session_without_a_player_is_forgotten_after_a_grace(rig: Rig) -> None:
    rig.auto_leave.listeners_changed(GUILD, 1)  # seen in voice, but the player never came

    assert await rig.after(1) == []
    assert GUILD in rig.sessions
    await rig.after(ORPHAN_GRACE.total_seconds())
    assert GUILD not in rig.sessions


async def test_the_bus_drives_the_idle_timer_in_every_driver(rig: Rig) -> None:
    """Songs starting and the queue finishing reach auto-leave through the message bus (the console too)."""
    subscribe_auto_leave(rig.app.bus, rig.auto_leave)
    await rig.join()
    await rig.app.play("a")
    assert rig.sessions.get(GUILD).idle_since is None
    assert await rig.after(IDLE) == []

    await rig.app.finish()  # the queue finished

    assert rig.sessions.get(GUILD).idle_since == rig.app.clock.now()
    assert await rig.after(IDLE) == [AutoLeft(guild_id=GUILD, reason=LeaveReason.IDLE)]
