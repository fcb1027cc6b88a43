from musicbot.domain.song import SongState
from musicbot.domain.track import SourceKind, Track
from musicbot.domain.tracklist import RepeatMode
from tests.unit.application.wiring import GUILD, App, settle


def light(title: str) -> Track:
    """An entry of a flat playlist listing: known by its page, no stream yet."""
    return Track(title=title, page_url=f"https://example.com/watch?v={title}", source=SourceKind.YOUTUBE)


async def test_the_next_song_is_resolved_while_the_current_one_plays(app: App) -> None:
    await app.play("a")
    player = app.player()
    upcoming = [app.preparer.song_for(light(name), player.current.requester) for name in ("b", "c")]  # type: ignore[union-attr]
    await player.enqueue_many(upcoming)
    await settle()

    assert upcoming[0].state is SongState.READY  # prefetched
    assert upcoming[1].state is SongState.PENDING  # not yet: only the next one
    refreshes = len(app.resolver.refresh_calls)

    await app.finish()

    assert player.current is upcoming[0]
    assert len(app.resolver.refresh_calls) == refreshes + 1  # c, prefetched in turn; b needed nothing
    assert upcoming[1].state is SongState.READY


async def test_a_prefetch_and_the_player_share_one_resolution(app: App) -> None:
    await app.play("a")
    player = app.player()
    song = app.preparer.song_for(light("b"), player.current.requester)  # type: ignore[union-attr]
    app.resolver.delay(song.track.page_url, 20)  # the prefetch is still under way when "a" ends
    await player.enqueue(song)
    await app.gateway.finish(GUILD)
    await settle()

    assert player.current is song
    assert song.state is SongState.READY
    assert [t.page_url for t in app.resolver.refresh_calls].count(song.track.page_url) == 1


async def test_a_failed_prefetch_is_reported_only_when_the_song_is_due(app: App) -> None:
    await app.play("a")
    player = app.player()
    song = app.preparer.song_for(light("broken"), player.current.requester)  # type: ignore[union-attr]
    app.resolver.fail_next(song.track.page_url, times=10)
    await player.enqueue(song)
    await settle()
    assert app.events.of_kind("song_failed") == []

    await app.finish()

    assert [event.title for event in app.events.of_kind("song_failed")] == ["broken"]


async def test_repeat_track_prefetches_nothing(app: App) -> None:
    await app.play("a")
    await app.play("b")
    player = app.player()
    await player.set_repeat(RepeatMode.TRACK)
    await settle()

    assert player.tracklist.peek_next() is player.current


async def test_the_prefetched_song_is_handed_to_the_output_to_open_ahead(app: App) -> None:
    await app.play("a")
    player = app.player()
    song = app.preparer.song_for(light("b"), player.current.requester)  # type: ignore[union-attr]
    await player.enqueue(song)
    await settle()

    preloads = app.gateway.voice(GUILD).preloads
    assert [request.stream_url for request in preloads] == [song.track.stream_url]
    assert preloads[0].start_at == 0.0

    await app.finish()
    assert app.gateway.current(GUILD).stream_url == song.track.stream_url  # type: ignore[union-attr]
