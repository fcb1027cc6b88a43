import asyncio
from collections.abc import Awaitable, Callable

import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.guild.repeat import RepeatCommand, SetRepeat
from musicbot.application.guild.volume import SetVolume, VolumeCommand
from musicbot.application.playback.common import ControlCommand, GuildCommand
from musicbot.application.playback.join import JoinCommand, JoinVoice
from musicbot.application.playback.leave import LeaveCommand, LeaveVoice
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.resume import ResumePlayback
from musicbot.application.playback.seek import SeekCommand, SeekSong
from musicbot.application.playback.skip import SkipSong
from musicbot.application.playback.skip_to import SkipTo, SkipToCommand
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.queue.clear import ClearQueue
from musicbot.application.queue.move import MoveCommand, MoveSong
from musicbot.application.queue.remove import RemoveCommand, RemoveSong
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.wiring import CHANNEL, GUILD, OTHER_CHANNEL, OTHER_GUILD, App, running_tasks, settle

GUILD_ONLY = GuildCommand(guild_id=GUILD)
CONTROL = ControlCommand(guild_id=GUILD, caller=HERE)


async def join(app: App, channel_id: ChannelId = CHANNEL, guild_id: GuildId = GUILD) -> bool:
    result = await JoinVoice(app.registry).execute(JoinCommand(guild_id=guild_id, caller=in_channel(channel_id)))
    assert result.channel_id == channel_id
    return result.moved


async def leave(app: App) -> int:
    result = await LeaveVoice(app.registry).execute(LeaveCommand(caller=HERE, guild_id=GUILD))
    await settle()
    return result.dropped


async def test_join_connects_and_makes_an_idle_player(app: App) -> None:
    assert await join(app) is True

    assert app.gateway.calls_for(GUILD) == ["connect"]
    assert app.gateway.voice(GUILD).channel_id == CHANNEL
    player = app.player()
    assert (player.channel_id, player.current, player.state.status) == (CHANNEL, None, PlayerStatus.IDLE)
    assert len(app.registry) == 1


async def test_join_the_same_channel_again_does_nothing(app: App) -> None:
    await join(app)
    player = app.player()

    assert await join(app) is False

    assert app.gateway.calls_for(GUILD) == ["connect"]
    assert app.player() is player


async def test_join_another_channel_moves_and_keeps_the_queue(app: App) -> None:
    await app.play("a")
    await app.play("b")
    player = app.player()

    assert await join(app, OTHER_CHANNEL) is True

    assert app.player() is player
    assert player.channel_id == OTHER_CHANNEL
    assert app.gateway.voice(GUILD).channel_id == OTHER_CHANNEL
    assert app.titles() == ["a", "b"]
    assert len(app.registry) == 1


async def test_join_reconnects_when_the_connection_was_lost(app: App) -> None:
    await join(app)
    app.gateway.voice(GUILD).channel_id = None  # kicked, or the voice server went away

    assert await join(app) is True

    assert app.gateway.calls_for(GUILD) == ["connect", "connect"]
    assert app.gateway.is_connected(GUILD)


async def test_guilds_get_players_of_their_own(app: App) -> None:
    await join(app)
    await join(app, OTHER_CHANNEL, OTHER_GUILD)

    assert len(app.registry) == 2
    assert app.player(GUILD) is not app.player(OTHER_GUILD)


async def test_leave_closes_the_player_and_forgets_the_guild(app: App) -> None:
    for query in ("a", "b", "c"):
        await app.play(query)
    player = app.player()

    assert await leave(app) == 3

    assert player.closed
    assert player.current is None
    assert player.tracklist.upcoming == ()
    assert player.state.status is PlayerStatus.IDLE
    assert app.gateway.calls_for(GUILD)[-2:] == ["stop", "disconnect"]
    assert not app.gateway.is_connected(GUILD)
    assert app.gateway.current(GUILD) is None
    assert len(app.registry) == 0
    assert GUILD not in app.registry
    assert app.registry.find(GUILD) is None
    assert not running_tasks(player)


async def test_leave_does_not_wait_for_the_next_song_to_resolve(app: App) -> None:
    await app.play("a")
    await app.play("b")
    player = app.player()
    app.clock.advance(app.resolver.ttl or 0)
    app.resolver.block()
    await app.gateway.finish(GUILD)  # "a" ended; "b" must be refreshed, and the refresh hangs
    for _ in range(5):
        await asyncio.sleep(0)
    assert len(app.resolver.refresh_calls) == 1

    await asyncio.wait_for(LeaveVoice(app.registry).execute(LeaveCommand(caller=HERE, guild_id=GUILD)), timeout=1)

    assert player.closed
    assert not running_tasks(player)
    assert app.gateway.calls_for(GUILD)[-1] == "disconnect"
    app.resolver.unblock()
    await settle()
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a"]
    assert len(app.registry) == 0


async def test_leave_right_after_an_end_cancels_its_handling_cleanly(app: App) -> None:
    await app.play("a")
    await app.play("b")
    player = app.player()
    await app.gateway.finish(GUILD)  # its handling is scheduled, not started

    await leave(app)

    assert not running_tasks(player)
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a"]
    assert not app.gateway.is_connected(GUILD)


async def test_a_late_end_after_leave_changes_nothing(app: App) -> None:
    await app.play("a")
    await app.play("b")
    stale = app.gateway.voice(GUILD).playbacks[0]
    await leave(app)

    await stale.on_end(None)
    await settle()

    assert len(app.gateway.requests(GUILD)) == 1
    assert not app.gateway.is_connected(GUILD)


async def test_leave_when_not_connected(app: App) -> None:
    with pytest.raises(NotConnected, match="not in a voice channel"):
        await leave(app)


async def test_play_after_leave_makes_a_fresh_player(app: App) -> None:
    await app.play("a")
    await app.play("b")
    old = app.player()
    await leave(app)

    result = await app.play("c")

    assert result.started
    assert app.player() is not old
    assert app.titles() == ["c"]
    assert app.player().tracklist.history == ()


Command = Callable[[App], Awaitable[object]]
COMMANDS_NEEDING_THE_BOT: dict[str, Command] = {
    "pause": lambda app: PausePlayback(app.registry).execute(CONTROL),
    "resume": lambda app: ResumePlayback(app.registry).execute(CONTROL),
    "skip": lambda app: SkipSong(app.registry).execute(GUILD_ONLY),
    "skip_to": lambda app: SkipTo(app.registry).execute(SkipToCommand(caller=HERE, guild_id=GUILD, position=1)),
    "stop": lambda app: StopPlayback(app.registry).execute(CONTROL),
    "seek": lambda app: SeekSong(app.registry).execute(SeekCommand(caller=HERE, guild_id=GUILD, position=1)),
    "volume": lambda app: SetVolume(app.registry, FakeSettingsStorage().store()).execute(
        VolumeCommand(caller=HERE, guild_id=GUILD, percent=50)
    ),
    "repeat": lambda app: SetRepeat(app.registry, FakeSettingsStorage().store()).execute(
        RepeatCommand(caller=HERE, guild_id=GUILD, mode=RepeatMode.TRACK)
    ),
    "shuffle": lambda app: ShuffleQueue(app.registry).execute(CONTROL),
    "remove": lambda app: RemoveSong(app.registry).execute(RemoveCommand(caller=HERE, guild_id=GUILD, position=1)),
    "move": lambda app: MoveSong(app.registry).execute(MoveCommand(caller=HERE, guild_id=GUILD, source=1, target=1)),
    "clear": lambda app: ClearQueue(app.registry).execute(CONTROL),
    "leave": lambda app: LeaveVoice(app.registry).execute(LeaveCommand(caller=HERE, guild_id=GUILD)),
}


@pytest.mark.parametrize("name", COMMANDS_NEEDING_THE_BOT)
async def test_commands_after_leave_say_the_bot_is_not_connected(app: App, name: str) -> None:
    await app.play("a")
    await app.play("b")
    await leave(app)
    calls = len(app.gateway.calls)

    with pytest.raises(NotConnected):
        await COMMANDS_NEEDING_THE_BOT[name](app)

    assert len(app.gateway.calls) == calls
    assert len(app.registry) == 0


async def test_a_play_right_after_leave_ends_up_connected(app: App) -> None:
    """The leave of a slow output and the next play must not interleave, or the old player disconnects the new."""
    await app.play("a")
    app.gateway.latency_turns = 3
    app.resolver.track("b")
    leaving = LeaveVoice(app.registry).execute(LeaveCommand(caller=HERE, guild_id=GUILD))
    playing = app.play_song.execute(app.play_command("b"))

    await asyncio.gather(leaving, playing)
    await settle()

    assert app.gateway.is_connected(GUILD)
    assert app.player().current is not None
    assert app.gateway.current(GUILD) is not None
