import asyncio

import pytest

from musicbot.application.errors import InvalidQuery, NoVoiceChannel
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.queue.load_playlist import (
    BatchLimits,
    LoadPlaylist,
    LoadPlaylistCommand,
)
from musicbot.application.support.processing.pool import ProcessingPool
from musicbot.domain.song import SongState
from tests.fakes.lister import FakePlaylistLister
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.wiring import GUILD, App, AppFactory, settle

URL = "https://example.com/playlist?list=mix"


def loader(app: App, lister: FakePlaylistLister, **limits: int) -> LoadPlaylist:
    return LoadPlaylist(
        registry=app.registry,
        preparer=app.preparer,
        lister=lister,
        pool=ProcessingPool(workers=2, max_pending=100),
        bus=app.bus,
        clock=app.clock,
        limits=BatchLimits(**limits),
    )


def command(url: str = URL) -> LoadPlaylistCommand:
    return LoadPlaylistCommand(caller=HERE, guild_id=GUILD, url=url)


async def test_the_first_song_plays_at_once_and_the_rest_is_queued_in_the_background(app: App) -> None:
    lister = FakePlaylistLister()
    lister.playlist(URL, 250, title="Mix")

    result = await loader(app, lister, chunk_size=100).execute(command())

    assert result.position == 0
    assert result.first.track.title == "Mix 1"
    assert (result.progress.total, result.progress.queued, result.progress.done) == (250, 100, False)
    await settle()
    player = app.player()
    assert [s.track.title for s in player.tracklist.upcoming] == [f"Mix {i}" for i in range(2, 251)]
    assert app.events.progress[-1].done
    assert app.events.progress[-1].queued == 250
    # Only what plays now and what plays next were resolved: the rest waits for its turn.
    assert len(app.resolver.refresh_calls) == 2
    assert player.tracklist.upcoming[0].state is SongState.READY
    assert player.tracklist.upcoming[1].state is SongState.PENDING


async def test_a_playlist_larger_than_the_queue_says_how_many_did_not_fit(make_app: AppFactory) -> None:
    app = make_app(max_queue_size=30)
    lister = FakePlaylistLister()
    lister.playlist(URL, 50)

    result = await loader(app, lister, chunk_size=10).execute(command())
    await settle()

    assert result.progress.total == 30
    assert result.progress.skipped == 20
    assert len(app.player().tracklist) == 30
    assert app.events.progress[-1].done


async def test_stop_cancels_the_batch_still_loading(app: App) -> None:
    lister = FakePlaylistLister()
    lister.playlist(URL, 1000)
    use_case = loader(app, lister, chunk_size=10)

    await use_case.execute(command())
    for _ in range(5):
        await asyncio.sleep(0)  # a few chunks in
    assert 10 < len(app.player().tracklist) < 1000
    await StopPlayback(app.registry).execute(ControlCommand(caller=HERE, guild_id=GUILD))
    await settle()

    player = app.player()
    assert len(player.tracklist) == 0
    assert player.task_count == 0
    assert app.events.progress[-1].cancelled


async def test_leave_frees_the_batch_with_the_guild(app: App) -> None:
    lister = FakePlaylistLister()
    lister.playlist(URL, 1000)
    await loader(app, lister, chunk_size=10).execute(command())
    player = app.player()

    await app.registry.leave(GUILD)

    assert player.task_count == 0
    assert len(app.registry) == 0


async def test_a_single_song_link_is_not_a_playlist(app: App) -> None:
    with pytest.raises(InvalidQuery, match="use play"):
        await loader(app, FakePlaylistLister()).execute(command("https://example.com/watch?v=1"))
    assert len(app.registry) == 0


async def test_without_a_voice_channel_nothing_is_listed(app: App) -> None:
    lister = FakePlaylistLister()
    lister.playlist(URL, 3)
    missing_channel = LoadPlaylistCommand(caller=in_channel(None), guild_id=GUILD, url=URL)

    with pytest.raises(NoVoiceChannel):
        await loader(app, lister).execute(missing_channel)
    assert lister.calls == []


async def test_the_listing_limit_is_passed_on(app: App) -> None:
    lister = FakePlaylistLister()
    lister.playlist(URL, 20)

    result = await loader(app, lister, max_entries=5).execute(command())

    assert lister.calls == [(URL, 5)]
    assert result.progress.total == 5
    assert result.progress.skipped == 15


async def test_a_broken_first_entry_is_reported_and_the_next_one_plays(app: App) -> None:
    lister = FakePlaylistLister()
    listing = lister.playlist(URL, 3)
    app.resolver.fail_next(listing.entries[0].page_url, times=5)

    await loader(app, lister).execute(command())
    await settle()

    assert app.player().current is not None
    assert app.player().current.track.title == "Mix 2"
    assert [event.title for event in app.events.of_kind("song_failed")] == ["Mix 1"]
