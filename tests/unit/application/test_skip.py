import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.playback.common import GuildCommand
from musicbot.application.playback.skip import SkipSong
from musicbot.application.playback.skip_to import SkipTo, SkipToCommand
from musicbot.domain.errors import InvalidPosition, NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.tracklist import RepeatMode
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App, settle


async def skip(app: App) -> tuple[str, str | None]:
    result = await SkipSong(app.registry).execute(GuildCommand(guild_id=GUILD))
    await settle()
    return result.skipped.track.title, result.now_playing.track.title if result.now_playing else None


async def skip_to(app: App, position: int) -> str:
    result = await SkipTo(app.registry).execute(SkipToCommand(caller=HERE, guild_id=GUILD, position=position))
    await settle()
    return result.song.track.title


async def test_skip_plays_the_next_song(app: App) -> None:
    await app.play("a")
    await app.play("b")

    assert await skip(app) == ("a", "b")

    assert app.titles() == ["b"]
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a", "b"]
    assert app.events.started_titles() == ["a", "b"]


async def test_skip_on_the_last_song_stops_and_says_the_queue_finished(app: App) -> None:
    await app.play("a")

    assert await skip(app) == ("a", None)

    assert app.player().current is None
    assert app.player().state.status is PlayerStatus.IDLE
    assert app.gateway.current(GUILD) is None
    assert app.gateway.calls_for(GUILD)[-1] == "stop"
    assert app.events.events[-1] == ("queue_finished", GUILD, None, None)
    assert app.gateway.is_connected(GUILD)  # it stays in the channel


async def test_skip_ignores_repeat_track(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await app.player().set_repeat(RepeatMode.TRACK)

    assert await skip(app) == ("a", "b")


async def test_skip_with_repeat_queue_sends_the_song_to_the_end(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await app.player().set_repeat(RepeatMode.QUEUE)

    await skip(app)

    assert app.titles() == ["b", "a"]


async def test_skip_over_a_song_that_cannot_play_reaches_the_next(app: App) -> None:
    for query in ("a", "b", "c"):
        await app.play(query)
    app.gateway.fail_next_plays(reason="HTTP 410")

    assert await skip(app) == ("a", "c")

    assert app.events.of_kind("song_failed") == [("song_failed", GUILD, "b", "HTTP 410")]


async def test_skip_with_nothing_playing(app: App) -> None:
    await app.play("a")
    await app.finish()

    with pytest.raises(NothingPlaying):
        await skip(app)


async def test_skip_when_not_connected(app: App) -> None:
    with pytest.raises(NotConnected):
        await skip(app)


async def test_skip_to_jumps_over_the_songs_before(app: App) -> None:
    for query in ("a", "b", "c", "d"):
        await app.play(query)

    assert await skip_to(app, 3) == "d"

    assert app.titles() == ["d"]
    assert [s.track.title for s in app.player().tracklist.history] == ["a", "b", "c"]
    assert app.events.started_titles() == ["a", "d"]


async def test_skip_to_with_repeat_queue_keeps_the_skipped_songs(app: App) -> None:
    for query in ("a", "b", "c", "d"):
        await app.play(query)
    await app.player().set_repeat(RepeatMode.QUEUE)

    await skip_to(app, 2)

    assert app.titles() == ["c", "d", "a", "b"]


@pytest.mark.parametrize("position", [0, 3, -1])
async def test_skip_to_a_position_that_does_not_exist(app: App, position: int) -> None:
    for query in ("a", "b", "c"):
        await app.play(query)

    with pytest.raises(InvalidPosition):
        await skip_to(app, position)

    assert app.titles() == ["a", "b", "c"]
    assert len(app.gateway.requests(GUILD)) == 1
