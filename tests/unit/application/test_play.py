import asyncio

import pytest

from musicbot.application.errors import InvalidQuery, NoResults, NoVoiceChannel, TrackUnavailable
from musicbot.application.playback.leave import LeaveCommand, LeaveVoice
from musicbot.application.playback.play import PlayCommand
from musicbot.application.playback.voice_rules import NotInBotChannel
from musicbot.domain.errors import QueueFull
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import SongState
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, App, AppFactory, settle


def command(query: str, **fields: object) -> PlayCommand:
    values: dict[str, object] = {
        "guild_id": GUILD,
        "caller": HERE,
        "query": query,
    }
    values.update(fields)
    return PlayCommand(**values)  # type: ignore[arg-type]


async def test_play_when_idle_joins_and_starts_at_once(app: App) -> None:
    result = await app.play("one more time")

    assert result.position == 0
    assert result.started
    assert result.song.state is SongState.READY
    assert result.song.requester == ALICE
    assert app.gateway.calls_for(GUILD) == ["connect", "play"]
    assert app.gateway.voice(GUILD).channel_id == CHANNEL
    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.stream_url == result.song.track.stream_url
    assert request.http_headers == result.song.track.http_headers
    assert (request.title, request.start_at, request.volume) == ("one more time", 0.0, 1.0)
    assert app.player().state.status is PlayerStatus.PLAYING
    assert app.player().current is result.song
    assert app.events.events == [("song_started", GUILD, "one more time", None)]


async def test_play_when_busy_returns_the_one_based_queue_position(app: App) -> None:
    await app.play("a")

    second = await app.play("b")
    third = await app.play("c")

    assert (second.position, third.position) == (1, 2)
    assert not second.started
    assert app.titles() == ["a", "b", "c"]
    assert [r.title for r in app.gateway.requests(GUILD)] == ["a"]
    assert app.gateway.calls_for(GUILD).count("connect") == 1


async def test_play_next_goes_to_the_front_of_the_queue(app: App) -> None:
    await app.play("a")
    await app.play("b")

    result = await app.play("urgent", play_next=True)

    assert result.position == 1
    assert app.titles() == ["a", "urgent", "b"]


async def test_play_normalises_whitespace_in_the_query(app: App) -> None:
    app.resolver.track("daft punk", title="Daft Punk")

    result = await app.play_song.execute(command("  daft \n  punk\t"))

    assert app.resolver.resolve_calls == ["daft punk"]
    assert result.song.track.title == "Daft Punk"


async def test_play_without_a_voice_channel_and_not_connected_is_refused(app: App) -> None:
    app.resolver.track("a")

    with pytest.raises(NoVoiceChannel, match="join a voice channel first"):
        await app.play_song.execute(command("a", caller=in_channel(None)))

    assert app.resolver.resolve_calls == []
    assert app.gateway.calls == []
    assert len(app.registry) == 0


async def test_a_request_from_the_bots_channel_uses_the_connected_player(app: App) -> None:
    await app.play("a")

    result = await app.play("b")

    assert result.position == 1
    assert app.titles() == ["a", "b"]
    assert app.gateway.calls_for(GUILD).count("connect") == 1


@pytest.mark.parametrize("query", ["", "   ", "\n\t "])
async def test_an_empty_query_is_invalid(app: App, query: str) -> None:
    with pytest.raises(InvalidQuery, match="tell me what to play"):
        await app.play_song.execute(command(query))

    assert app.resolver.resolve_calls == []
    assert len(app.registry) == 0


async def test_a_too_long_query_is_invalid(make_app: AppFactory) -> None:
    app = make_app(max_query_length=10)

    with pytest.raises(InvalidQuery, match="at most 10 characters"):
        await app.play_song.execute(command("x" * 11))

    assert app.resolver.resolve_calls == []
    assert len(app.registry) == 0


async def test_a_query_of_exactly_the_limit_is_accepted(make_app: AppFactory) -> None:
    app = make_app(max_query_length=10)

    result = await app.play("x" * 10)

    assert result.started


async def test_a_query_that_does_not_resolve_joins_nothing(app: App) -> None:
    with pytest.raises(NoResults):
        await app.play_song.execute(command("nothing like this"))

    assert app.gateway.calls == []
    assert len(app.registry) == 0
    assert app.events.events == []


async def test_a_query_that_does_not_resolve_leaves_the_queue_unchanged(app: App) -> None:
    await app.play("a")
    await app.play("b")
    app.resolver.add("removed video", TrackUnavailable("this video was removed"))

    with pytest.raises(TrackUnavailable, match="removed"):
        await app.play_song.execute(command("removed video"))

    assert app.titles() == ["a", "b"]
    assert app.gateway.calls_for(GUILD) == ["connect", "play"]


async def test_transient_failures_are_retried_then_the_song_plays(app: App) -> None:
    app.resolver.track("flaky")
    app.resolver.fail_next("flaky", times=2)

    result = await app.play("flaky")

    assert result.started
    assert result.song.attempts == 3
    assert app.resolver.resolve_calls == ["flaky"] * 3


async def test_transient_failures_past_the_attempt_limit_fail_with_the_reason(make_app: AppFactory) -> None:
    app = make_app(max_song_attempts=2)
    app.resolver.track("flaky")
    app.resolver.fail_next("flaky", times=2, error=TrackUnavailable("HTTP 503", transient=True))

    with pytest.raises(TrackUnavailable, match="HTTP 503") as caught:
        await app.play_song.execute(command("flaky"))

    assert caught.value.transient
    assert app.resolver.resolve_calls == ["flaky", "flaky"]
    assert len(app.registry) == 0


async def test_play_on_a_full_queue_is_refused_before_resolving(make_app: AppFactory) -> None:
    app = make_app(max_queue_size=2)
    await app.play("a")
    await app.play("b")

    with pytest.raises(QueueFull):
        await app.play("c")

    assert app.resolver.resolve_calls == ["a", "b"]
    assert app.titles() == ["a", "b"]


async def test_a_song_that_cannot_start_is_reported_and_the_player_stays_idle(app: App) -> None:
    app.gateway.fail_next_plays(reason="ffmpeg exited with 1")

    result = await app.play("a")

    assert result.song.state is SongState.FAILED
    assert result.song.failure_reason == "ffmpeg exited with 1"
    assert app.player().current is None
    assert app.player().state.status is PlayerStatus.IDLE
    assert app.events.events == [
        ("song_failed", GUILD, "a", "ffmpeg exited with 1"),
        ("queue_finished", GUILD, None, None),
    ]


async def test_twenty_concurrent_plays_are_queued_once_each_in_order_of_resolution(app: App) -> None:
    queries = [f"song {i}" for i in range(20)]
    for i, query in enumerate(queries):
        app.resolver.track(query)
        app.resolver.delay(query, (7 * i) % 11)  # answers come back out of order

    results = await asyncio.gather(*(app.play_song.execute(command(q)) for q in queries))
    await settle()

    assert app.titles() == app.resolver.answered
    assert app.titles() != queries  # the delays really reordered them
    assert sorted(app.titles()) == sorted(queries)
    assert sorted(r.position for r in results) == list(range(20))
    assert {r.position: r.song.track.title for r in results} == dict(enumerate(app.resolver.answered))
    assert len(app.registry) == 1
    assert app.gateway.calls_for(GUILD).count("connect") == 1
    assert app.events.started_titles() == [app.resolver.answered[0]]


async def test_play_when_the_player_closed_during_resolution_joins_again(app: App) -> None:
    await app.play("a")
    old = app.player()
    app.resolver.track("b")
    app.resolver.block()
    playing = asyncio.create_task(app.play_song.execute(command("b")))
    await asyncio.sleep(0)

    await LeaveVoice(app.registry).execute(LeaveCommand(caller=HERE, guild_id=GUILD))
    app.resolver.unblock()
    result = await playing

    assert old.closed
    assert app.player() is not old
    assert result.started
    assert app.titles() == ["b"]
    assert app.gateway.is_connected(GUILD)


async def test_a_caller_out_of_voice_cannot_add_to_a_playing_player(app: App) -> None:
    """The requester's channel is the caller's: out of voice, nothing is resolved, nothing joined."""
    await app.play("a")
    app.resolver.track("b")

    with pytest.raises(NotInBotChannel):
        await app.play_song.execute(command("b", caller=in_channel(None)))

    assert app.resolver.resolve_calls == ["a"]
    assert app.titles() == ["a"]


async def test_first_audio_is_timed_only_for_a_song_that_starts_at_once(app: App) -> None:
    await app.play("first")
    assert len(app.metrics.first_audio_seconds) == 1 and app.metrics.first_audio_seconds[0] >= 0
    await app.play("second")  # queued behind the first: its audio comes later, not as an answer to this /play
    assert len(app.metrics.first_audio_seconds) == 1
