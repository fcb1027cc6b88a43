import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.stop import StopPlayback
from musicbot.domain.player_state import PlayerStatus
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App, settle

COMMAND = ControlCommand(guild_id=GUILD, caller=HERE)


async def test_stop_clears_the_queue_and_halts(app: App) -> None:
    for query in ("a", "b", "c"):
        await app.play(query)

    result = await StopPlayback(app.registry).execute(COMMAND)
    await settle()

    assert result.count == 3
    player = app.player()
    assert player.current is None
    assert player.tracklist.upcoming == ()
    assert player.state.status is PlayerStatus.IDLE
    assert app.gateway.current(GUILD) is None
    assert app.gateway.calls_for(GUILD)[-1] == "stop"
    assert app.gateway.is_connected(GUILD)  # stop keeps the bot in the channel
    assert [s.track.title for s in player.tracklist.history] == ["a"]
    assert app.events.events[-1].kind == "song_started"  # stopping is not the queue running out


async def test_the_stopped_playback_never_reports_its_end(app: App) -> None:
    await app.play("a")
    await app.play("b")
    stale = app.gateway.voice(GUILD).playbacks[0]
    await StopPlayback(app.registry).execute(COMMAND)

    await stale.on_end(None)
    await settle()

    assert app.player().current is None
    assert len(app.gateway.requests(GUILD)) == 1


async def test_play_after_stop_starts_at_once(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await StopPlayback(app.registry).execute(COMMAND)

    result = await app.play("c")

    assert result.started
    assert app.titles() == ["c"]


async def test_stop_when_idle_drops_nothing(app: App) -> None:
    await app.play("a")
    await app.finish()

    result = await StopPlayback(app.registry).execute(COMMAND)

    assert result.count == 0


async def test_stop_when_not_connected(app: App) -> None:
    with pytest.raises(NotConnected):
        await StopPlayback(app.registry).execute(COMMAND)
