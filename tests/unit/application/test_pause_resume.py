import pytest

from musicbot.application.errors import AlreadyPaused, NotConnected, NotPaused
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.resume import ResumePlayback
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, OTHER_GUILD, App

COMMAND = ControlCommand(guild_id=GUILD, caller=HERE)


async def test_pause_pauses_the_output_and_the_clock(app: App) -> None:
    song = (await app.play("a")).song
    app.clock.advance(30)

    result = await PausePlayback(app.registry).execute(COMMAND)

    assert result.song is song
    assert app.player().state.status is PlayerStatus.PAUSED
    assert app.gateway.is_paused(GUILD)
    app.clock.advance(600)
    assert app.player().elapsed() == 30


async def test_resume_picks_up_where_it_paused(app: App) -> None:
    await app.play("a")
    app.clock.advance(30)
    await PausePlayback(app.registry).execute(COMMAND)
    app.clock.advance(600)

    result = await ResumePlayback(app.registry).execute(COMMAND)

    assert result.song.track.title == "a"
    assert app.player().state.status is PlayerStatus.PLAYING
    assert not app.gateway.is_paused(GUILD)
    app.clock.advance(15)
    assert app.player().elapsed() == 45
    assert app.gateway.calls_for(GUILD)[-2:] == ["pause", "resume"]


async def test_pause_twice_is_refused(app: App) -> None:
    await app.play("a")
    await PausePlayback(app.registry).execute(COMMAND)

    with pytest.raises(AlreadyPaused):
        await PausePlayback(app.registry).execute(COMMAND)

    assert app.gateway.calls_for(GUILD).count("pause") == 1


async def test_resume_when_not_paused_is_refused(app: App) -> None:
    await app.play("a")

    with pytest.raises(NotPaused):
        await ResumePlayback(app.registry).execute(COMMAND)

    assert "resume" not in app.gateway.calls_for(GUILD)


async def test_pause_and_resume_with_nothing_playing(app: App) -> None:
    await app.play("a")
    await app.finish()

    with pytest.raises(NothingPlaying):
        await PausePlayback(app.registry).execute(COMMAND)
    with pytest.raises(NothingPlaying):
        await ResumePlayback(app.registry).execute(COMMAND)


async def test_pause_and_resume_in_a_guild_without_the_bot(app: App) -> None:
    await app.play("a")

    with pytest.raises(NotConnected):
        await PausePlayback(app.registry).execute(ControlCommand(caller=HERE, guild_id=OTHER_GUILD))
    with pytest.raises(NotConnected):
        await ResumePlayback(app.registry).execute(ControlCommand(caller=HERE, guild_id=OTHER_GUILD))
    assert app.player().state.status is PlayerStatus.PLAYING


async def test_a_skip_while_paused_plays_the_next_song(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await PausePlayback(app.registry).execute(COMMAND)

    await app.player().skip()

    assert app.player().state.status is PlayerStatus.PLAYING
    assert not app.gateway.is_paused(GUILD)
    assert app.player().elapsed() == 0
