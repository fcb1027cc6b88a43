"""Live queues and listening history through real storage (SQLite, and PostgreSQL when configured): what the
player does is saved in the background, comes back after a restart, and plays are recorded."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import pytest

from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.adapters.sql.database import default_database_url
from musicbot.application.history.record import RecordPlay
from musicbot.application.history.recorder import PlayHistoryRecorder
from musicbot.application.saved_queues.live_queues import LiveQueues
from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.saved_queues.restore_all import RestoreQueues
from musicbot.application.saved_queues.resume import ResumeQueue, ResumeQueueCommand
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.domain.events import SongStarted
from musicbot.domain.ids import ChannelId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.storage import Storage as BotStorage
from tests.integration.test_sql_backends import SQL, Storage, storage_fixture
from tests.unit.application.wiring import ALICE, GUILD, OTHER_GUILD, App, build_app, settle

storage = storage_fixture(SQL)
TITLES = ("first", "second", "third")


class AppClock:
    """The app's clock, which exists only once the app is built (and the app needs the recorder first)."""

    def __init__(self, apps: list[App]) -> None:
        self._apps = apps

    def now(self) -> datetime:
        return self._apps[0].clock.now()


def bot(storage: Storage, **settings: object) -> tuple[App, LiveQueues, PlayHistoryRecorder]:
    """The player wired as the container wires it: song starts to the history, changes to the saver (on the bus)."""
    apps: list[App] = []
    recorder = PlayHistoryRecorder(RecordPlay(storage.uow, AppClock(apps)))
    app = build_app(**settings)
    apps.append(app)
    app.bus.subscribe(SongStarted, recorder.on_song_started)
    live = LiveQueues(
        QueueSaver(storage.uow),
        QueueSnapshotter(app.clock),
        players=app.registry.find,
        text_channel_of=lambda _: ChannelId(9),
    )
    live.subscribe(app.bus)
    for title in TITLES:
        app.resolver.track(title, duration=200.0)
    return app, live, recorder


async def test_a_queue_survives_a_restart_where_it_was(storage: Storage) -> None:
    app, live, recorder = bot(storage)
    for title in TITLES:
        await app.play(title)
    await app.play("elsewhere", guild_id=OTHER_GUILD)
    player = app.player()
    await player.set_repeat(RepeatMode.QUEUE)
    await player.set_volume(70)
    await player.move(2, 1)
    app.clock.advance(33)
    await player.pause()
    assert await live.flush(max_wait=10)
    await app.registry.leave(OTHER_GUILD)  # a guild that left is not resumed
    await live.suspend(app.registry.players())
    await app.registry.close_all()
    await recorder.close()

    later, later_live, later_recorder = bot(storage)
    saved = (await RestoreQueues(storage.uow).execute()).snapshots
    assert [s.guild_id for s in saved] == [GUILD]
    assert saved[0].text_channel_id == ChannelId(9)
    result = await ResumeQueue(later.registry, later.settings).execute(ResumeQueueCommand(snapshot=saved[0]))
    await settle()

    assert result.resumed and result.paused and result.position == pytest.approx(33)
    assert later.titles() == ["first", "third", "second"]
    resumed = later.player()
    assert resumed.state.status is PlayerStatus.PAUSED and resumed.elapsed() == pytest.approx(33)
    assert resumed.tracklist.repeat is RepeatMode.QUEUE and resumed.state.volume.percent == 70
    request = later.gateway.current(GUILD)
    assert request is not None and request.start_at == pytest.approx(33)
    assert all(song.requester == ALICE for song in [resumed.tracklist.current, *resumed.tracklist.upcoming])
    await later_live.suspend(later.registry.players())
    await later.registry.close_all()
    await later_recorder.close()


async def test_stop_and_leave_delete_the_saved_queue(storage: Storage) -> None:
    app, live, recorder = bot(storage)
    await app.play("first")
    assert await live.flush(max_wait=10)
    assert len((await RestoreQueues(storage.uow).execute()).snapshots) == 1
    await app.player().stop()
    assert await live.flush(max_wait=10)
    assert (await RestoreQueues(storage.uow).execute()).snapshots == ()

    await app.play("second")
    assert await live.flush(max_wait=10)
    await app.registry.leave(GUILD)
    await live.suspend([])
    assert (await RestoreQueues(storage.uow).execute()).snapshots == ()
    await recorder.close()


async def test_each_song_that_starts_is_in_the_history(storage: Storage) -> None:
    app, live, recorder = bot(storage)
    for title in TITLES:
        await app.play(title)
    app.clock.advance(200)
    await app.finish()
    app.clock.advance(10)
    await app.player().skip()
    await settle()  # the player tells its events in a task of its own
    await recorder.close()
    await live.suspend(app.registry.players())
    await app.registry.close_all()

    async with storage.uow() as uow:
        plays = await uow.history.recent(GUILD, limit=20)
    assert [p.track.title for p in plays] == ["third", "second", "first"]
    assert {p.user_id for p in plays} == {ALICE}
    assert all(p.track.stream_url is None for p in plays)


async def test_storage_start_migrates_a_new_database_and_resumes_nothing(tmp_path: Path) -> None:
    url = default_database_url(tmp_path / "data")
    started, *_ = storage_at(url)
    assert await started.start() and started.available
    assert (tmp_path / "data" / "musicbot.db").exists()
    assert await started.saved_queues() == ()
    await started.close()


async def test_an_unreachable_database_means_running_without_saving(caplog: pytest.LogCaptureFixture) -> None:
    unreachable, app, live, recorder = storage_at("postgresql://nobody:secret@127.0.0.1:9/none")
    assert not await unreachable.start()
    assert not live.enabled and await unreachable.saved_queues() == ()
    assert "secret" not in caplog.text
    await app.play("first")  # plays, and nothing tries to write
    assert app.titles() == ["first"] and len(recorder) == 0
    await unreachable.suspend(app.registry.players())
    await app.registry.close_all()
    await unreachable.close()


def storage_at(url: str) -> tuple[BotStorage, App, LiveQueues, PlayHistoryRecorder]:
    """The bot's storage over a new engine at `url`, as the container builds it."""
    database = create_database(url)
    app, live, recorder = bot(Storage("sql", unit_of_work_factory(database), database))
    storage = BotStorage(
        url=url,
        database=database,
        live_queues=live,
        history=recorder,
        restore=RestoreQueues(unit_of_work_factory(database)),
        resume=ResumeQueue(app.registry, app.settings),
        registry=app.registry,
    )
    return storage, app, live, recorder


async def test_playing_queues_are_checkpointed_while_they_play(storage: Storage) -> None:
    assert storage.database is not None and storage.url is not None
    app, live, recorder = bot(storage)
    running = BotStorage(
        url=storage.url,
        database=storage.database,
        live_queues=live,
        history=recorder,
        restore=RestoreQueues(storage.uow),
        resume=ResumeQueue(app.registry, app.settings),
        registry=app.registry,
        checkpoint_every=0.02,
    )
    assert await running.start()
    await app.play("first")
    app.clock.advance(80)  # no change is told while a song plays on

    async def saved_position() -> float:
        snapshots = await running.saved_queues()
        return snapshots[0].position if snapshots else -1.0

    for _ in range(200):
        if await saved_position() == pytest.approx(80):
            break
        await asyncio.sleep(0.02)
    assert await saved_position() == pytest.approx(80)

    await app.player().pause()
    app.clock.advance(50)  # paused: nothing moves, nothing to save again
    await asyncio.sleep(0.1)
    assert await saved_position() == pytest.approx(80)
    await running.suspend(app.registry.players())
    await app.registry.close_all()
    await recorder.close()
