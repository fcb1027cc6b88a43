"""GuildPlayer on its own: what happens when tracks end, break or expire, and when handlers misbehave."""

import asyncio
import logging

import pytest

from musicbot.application.errors import PlayerClosed, TrackUnavailable
from musicbot.application.playback.player import LOST_CONNECTION
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import SongState
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.events import RecordingEvents
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, App, AppFactory, running_tasks, settle


async def test_when_a_track_ends_the_next_one_starts_by_itself(app: App) -> None:
    await app.play("a")
    await app.play("b")

    await app.finish()

    assert app.titles() == ["b"]
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a", "b"]
    assert app.player().tracklist.history[-1].track.title == "a"
    assert app.player().state.status is PlayerStatus.PLAYING
    assert app.events.started_titles() == ["a", "b"]


async def test_when_the_last_track_ends_the_queue_finishes(app: App) -> None:
    await app.play("a")

    await app.finish()

    assert app.player().current is None
    assert app.player().state.status is PlayerStatus.IDLE
    assert app.gateway.current(GUILD) is None
    assert app.events.events[-1] == ("queue_finished", GUILD, None, None)
    await asyncio.wait_for(app.player().wait_idle(), timeout=1)


async def test_a_song_queued_while_idle_after_the_end_starts_at_once(app: App) -> None:
    await app.play("a")
    await app.finish()

    result = await app.play("b")

    assert result.started
    assert app.titles() == ["b"]


async def test_a_failure_mid_song_resumes_it_where_it_broke(app: App) -> None:
    song = (await app.play("a")).song
    first_stream = song.track.stream_url
    app.clock.advance(42)

    await app.finish(error="connection reset by peer")

    assert app.player().current is song
    assert song.state is SongState.READY
    assert song.attempts == 2
    assert len(app.resolver.refresh_calls) == 1
    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.start_at == 42
    assert request.stream_url == song.track.stream_url != first_stream
    assert app.player().elapsed() == 42
    assert app.events.of_kind("song_failed") == []


async def test_a_stream_that_broke_before_its_first_packet_starts_again_at_its_start(app: App) -> None:
    """The clock ran 14.7 s while the source stalled; the listener heard nothing, so nothing is skipped."""
    await app.play("a")
    app.clock.advance(14.7)

    await app.gateway.finish(GUILD, "Connection timed out", position=0.0)
    await settle()

    assert [r.start_at for r in app.gateway.requests(GUILD)] == [0, 0]


async def test_a_break_resumes_where_the_audio_sent_got_not_where_the_clock_is(app: App) -> None:
    await app.play("a")
    app.clock.advance(30)  # a voice drop held the audio back: only 12 s were sent

    await app.gateway.finish(GUILD, "connection reset by peer", position=12.0)
    await settle()

    assert app.gateway.current(GUILD) is not None
    assert [r.start_at for r in app.gateway.requests(GUILD)] == [0, 12.0]


async def test_a_stalled_source_is_given_up_at_once_and_said_once(app: App) -> None:
    song = (await app.play("a")).song
    await app.play("b")
    app.clock.advance(10)

    await app.gateway.finish(GUILD, "the source sent nothing for 10 s", position=0.0, stalled=True)
    await settle()

    assert song.state is SongState.FAILED
    assert app.titles() == ["b"]
    assert app.events.of_kind("song_failed") == [("song_failed", GUILD, "a", "the source sent nothing for 10 s")]
    assert len(app.resolver.refresh_calls) == 0  # not resolved again: it would most likely stall again


async def test_a_song_that_keeps_breaking_is_reported_and_the_next_one_plays(app: App) -> None:
    song = (await app.play("a")).song
    await app.play("b")

    for _ in range(app.settings.max_song_attempts):
        app.clock.advance(10)
        await app.finish(error="HTTP 403")

    assert song.state is SongState.FAILED
    assert song.attempts == 3
    assert song.failure_reason == "HTTP 403"
    assert app.titles() == ["b"]
    assert app.events.of_kind("song_failed") == [("song_failed", GUILD, "a", "HTTP 403")]
    assert app.events.started_titles()[-1] == "b"
    assert [r.start_at for r in app.gateway.requests(GUILD)] == [0, 10, 20, 0]


async def test_a_song_whose_refresh_fails_after_a_break_is_reported(app: App) -> None:
    song = (await app.play("a")).song
    app.resolver.fail_next(song.track.page_url, error=TrackUnavailable("video removed"))

    await app.finish(error="HTTP 403")

    assert song.state is SongState.FAILED
    assert app.player().current is None
    assert app.events.events[-2:] == [
        ("song_failed", GUILD, "a", "video removed"),
        ("queue_finished", GUILD, None, None),
    ]


async def test_an_expired_stream_is_refreshed_before_the_song_plays(app: App) -> None:
    await app.play("a")
    waiting = (await app.play("b")).song
    stale = waiting.track
    app.clock.advance(app.resolver.ttl or 0)  # the stream of "b" expires exactly now

    app.resolver.block()
    await app.gateway.finish(GUILD)
    for _ in range(5):
        await asyncio.sleep(0)
    in_flight = waiting.state
    assert in_flight is SongState.PROCESSING
    app.resolver.unblock()
    await settle()

    assert waiting.state is SongState.READY
    assert app.resolver.refresh_calls == [stale]
    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.stream_url == waiting.track.stream_url != stale.stream_url
    assert waiting.attempts == 1


async def test_a_stream_that_has_not_expired_is_not_refreshed(app: App) -> None:
    await app.play("a")
    await app.play("b")
    app.clock.advance((app.resolver.ttl or 0) - 1)

    await app.finish()

    assert app.resolver.refresh_calls == []


async def test_repeat_track_replays_the_song(app: App) -> None:
    song = (await app.play("a")).song
    await app.play("b")
    await app.player().set_repeat(RepeatMode.TRACK)

    await app.finish()
    await app.finish()

    assert app.player().current is song
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a", "a", "a"]
    assert app.events.started_titles() == ["a", "a", "a"]
    assert app.titles() == ["a", "b"]


async def test_repeat_queue_cycles_through_the_songs(app: App) -> None:
    for query in ("a", "b", "c"):
        await app.play(query)
    await app.player().set_repeat(RepeatMode.QUEUE)

    for _ in range(4):
        await app.finish()

    assert [r.title for r in app.gateway.requests(GUILD)] == ["a", "b", "c", "a", "b"]
    assert app.titles() == ["b", "c", "a"]


async def test_a_failed_song_leaves_a_repeating_queue(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await app.player().set_repeat(RepeatMode.QUEUE)
    app.gateway.fail_next_plays()

    await app.finish()  # "b" cannot start: it is dropped and "a" comes round again

    assert app.titles() == ["a"]
    assert app.events.of_kind("song_failed")[0].title == "b"


async def test_a_stale_end_from_a_skipped_song_is_ignored(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await app.play("c")
    stale = app.gateway.voice(GUILD).playbacks[0]

    await app.player().skip()
    await stale.on_end(None)  # the output reported the end of "a" late, racing the skip
    await settle()

    assert app.titles() == ["b", "c"]
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a", "b"]


async def test_a_stale_error_from_a_replaced_playback_is_ignored(app: App) -> None:
    song = (await app.play("a")).song
    stale = app.gateway.voice(GUILD).playbacks[0]
    await app.player().seek(30)

    await stale.on_end("broken pipe")
    await settle()

    assert song.state is SongState.READY
    assert song.attempts == 1
    assert app.resolver.refresh_calls == []


async def test_a_failing_events_handler_does_not_break_the_player(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(events=RecordingEvents(error=RuntimeError("discord is down")))

    with caplog.at_level(logging.ERROR, logger="musicbot.application.support.messagebus"):
        await app.play("a")
        await app.play("b")
        await app.finish()
        await app.finish()

    assert [event.kind for event in app.events.events] == ["song_started", "song_started", "queue_finished"]
    assert app.player().state.status is PlayerStatus.IDLE
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a", "b"]
    assert sum(record.getMessage().startswith("handling ") for record in caplog.records) == 3
    assert not running_tasks(app.player())


async def test_the_queue_is_first_in_first_out_for_ten_songs(app: App) -> None:
    titles = [f"track {i}" for i in range(10)]
    for title in titles:
        await app.play(title)

    for _ in titles:
        await app.finish()

    assert app.events.started_titles() == titles
    assert app.events.events[-1].kind == "queue_finished"


async def test_a_closed_player_refuses_commands(app: App) -> None:
    await app.play("a")
    player = app.player()
    await player.close()
    await player.close()  # idempotent

    song = app.preparer.new_song("b", ALICE)
    with pytest.raises(PlayerClosed):
        await player.enqueue(song)
    with pytest.raises(PlayerClosed):
        await player.pause()
    with pytest.raises(PlayerClosed):
        await player.skip_to(1)
    assert app.gateway.calls_for(GUILD).count("disconnect") == 1


async def test_commands_that_need_a_song_say_nothing_is_playing(app: App) -> None:
    await app.play("a")
    await app.finish()
    player = app.player()

    for command in (player.pause, player.resume, player.skip):
        with pytest.raises(NothingPlaying):
            await command()
    with pytest.raises(NothingPlaying):
        await player.seek(1)


async def test_a_lost_voice_connection_stops_playback_but_keeps_the_queue(app: App) -> None:
    await app.play("a")
    await app.play("b")
    player = app.player()
    song = player.current
    # The output lost the connection and could not get it back: it ends the song and refuses to play.
    app.gateway.voice(GUILD).channel_id = None
    await app.finish(error="the voice connection was lost")

    assert player.current is None
    assert player.state.status is PlayerStatus.IDLE
    assert [s.track.title for s in player.tracklist.upcoming] == ["a", "b"]
    assert player.tracklist.upcoming[0] is song
    assert app.events.of_kind("song_failed")[-1].reason == LOST_CONNECTION

    await app.registry.join(GUILD, CHANNEL)
    await app.play("c")  # playing again picks the queue up where it stopped
    assert player.current is song
