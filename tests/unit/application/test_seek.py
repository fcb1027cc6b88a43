import pytest

from musicbot.application.errors import InvalidSeek, NotConnected
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.seek import SeekCommand, SeekSong
from musicbot.application.support.timecode import parse_position
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App, settle


async def seek(app: App, position: float) -> float:
    result = await SeekSong(app.registry).execute(SeekCommand(caller=HERE, guild_id=GUILD, position=position))
    return result.position


async def test_seek_restarts_the_stream_at_the_position(app: App) -> None:
    app.resolver.track("a", duration=200)
    song = (await app.play("a")).song
    app.clock.advance(10)

    assert await seek(app, parse_position("1:23")) == 83

    request = app.gateway.current(GUILD)
    assert request is not None
    assert (request.stream_url, request.start_at) == (song.track.stream_url, 83)
    assert app.player().elapsed() == 83
    app.clock.advance(5)
    assert app.player().elapsed() == 88
    assert app.player().current is song
    assert app.resolver.refresh_calls == []


async def test_seek_refreshes_an_expired_stream(app: App) -> None:
    song = (await app.play("a")).song
    old = song.track.stream_url
    app.clock.advance(app.resolver.ttl or 0)

    await seek(app, 30)

    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.stream_url == song.track.stream_url != old
    assert request.start_at == 30


async def test_seek_while_paused_stays_paused(app: App) -> None:
    await app.play("a")
    app.clock.advance(20)
    await PausePlayback(app.registry).execute(ControlCommand(caller=HERE, guild_id=GUILD))

    await seek(app, 90)

    assert app.player().state.status is PlayerStatus.PAUSED
    assert app.gateway.is_paused(GUILD)
    app.clock.advance(60)
    assert app.player().elapsed() == 90


async def test_seek_to_the_start_is_allowed(app: App) -> None:
    await app.play("a")
    app.clock.advance(50)

    await seek(app, 0)

    assert app.player().elapsed() == 0


@pytest.mark.parametrize("position", [180, 181, 10_000, -1])
async def test_seek_outside_the_song_is_refused(app: App, position: float) -> None:
    app.resolver.track("a", duration=180)
    await app.play("a")

    with pytest.raises(InvalidSeek, match="the song is 180 s long"):
        await seek(app, position)

    assert len(app.gateway.requests(GUILD)) == 1


async def test_seek_on_a_live_stream_is_refused(app: App) -> None:
    app.resolver.track("radio", duration=None)
    await app.play("radio")

    with pytest.raises(InvalidSeek, match="live stream"):
        await seek(app, 10)

    assert len(app.gateway.requests(GUILD)) == 1


async def test_seek_with_nothing_playing(app: App) -> None:
    await app.play("a")
    await app.finish()

    with pytest.raises(NothingPlaying):
        await seek(app, 10)


async def test_seek_when_not_connected(app: App) -> None:
    with pytest.raises(NotConnected):
        await seek(app, 10)


async def test_seek_does_not_announce_the_song_again(app: App) -> None:
    app.resolver.track("a", duration=200)
    await app.play("a")
    await seek(app, 30)
    await settle()

    assert app.events.started_titles() == ["a"]
