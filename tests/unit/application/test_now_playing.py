import pytest

from musicbot.application.playback.common import ControlCommand, GuildCommand
from musicbot.application.playback.now_playing import NowPlaying, ShowNowPlaying
from musicbot.application.playback.pause import PausePlayback
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.tracklist import RepeatMode
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App

COMMAND = GuildCommand(guild_id=GUILD)


async def now_playing(app: App) -> NowPlaying:
    return await ShowNowPlaying(app.registry).execute(COMMAND)


async def test_now_playing_shows_the_song_and_its_progress(app: App) -> None:
    app.resolver.track("a", duration=200)
    song = (await app.play("a")).song
    app.clock.advance(50)

    view = await now_playing(app)

    assert view.song is song
    assert (view.elapsed, view.duration, view.progress) == (50, 200, 0.25)
    assert (view.status, view.volume, view.repeat) == (PlayerStatus.PLAYING, 100, RepeatMode.OFF)


async def test_progress_stops_while_paused(app: App) -> None:
    app.resolver.track("a", duration=100)
    await app.play("a")
    app.clock.advance(30)
    await PausePlayback(app.registry).execute(ControlCommand(guild_id=GUILD, caller=HERE))
    app.clock.advance(1000)

    view = await now_playing(app)

    assert (view.status, view.elapsed, view.progress) == (PlayerStatus.PAUSED, 30, 0.3)


async def test_progress_never_passes_the_end(app: App) -> None:
    app.resolver.track("a", duration=100)
    await app.play("a")
    app.clock.advance(130)  # the output has not reported the end yet

    view = await now_playing(app)

    assert view.progress == 1.0


async def test_a_live_stream_has_no_progress(app: App) -> None:
    app.resolver.track("radio", duration=None)
    await app.play("radio")
    app.clock.advance(3000)

    view = await now_playing(app)

    assert (view.duration, view.progress, view.elapsed) == (None, None, 3000)


async def test_now_playing_shows_volume_and_repeat(app: App) -> None:
    await app.play("a")
    await app.player().set_volume(35)
    await app.player().set_repeat(RepeatMode.TRACK)

    view = await now_playing(app)

    assert (view.volume, view.repeat) == (35, RepeatMode.TRACK)


async def test_nothing_playing_when_idle(app: App) -> None:
    await app.play("a")
    await app.finish()

    with pytest.raises(NothingPlaying):
        await now_playing(app)


async def test_nothing_playing_when_not_connected(app: App) -> None:
    with pytest.raises(NothingPlaying):
        await now_playing(app)
