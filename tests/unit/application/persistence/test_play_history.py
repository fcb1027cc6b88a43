"""Listening history recorded off the hot path: a song that starts is written in the background, failures are
logged and never reach playback, and shutdown lets the writes under way finish."""

from __future__ import annotations

import asyncio
import logging

import pytest

from musicbot.application.history.record import RecordPlay
from musicbot.application.history.recorder import PlayHistoryRecorder
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.events import SongStarted
from tests.fakes.clock import ManualClock
from tests.fakes.repositories import FakeUnitOfWork
from tests.unit.application.wiring import ALICE, GUILD, App, build_app, settle


async def start_playing(app: App, query: str, recorder: PlayHistoryRecorder) -> None:
    """Play without settling (the recorder's write may be waiting on purpose) until the write is under way."""
    app.resolver.track(query)
    await app.play_song.execute(app.play_command(query))
    for _ in range(100):
        if len(recorder):
            return
        await asyncio.sleep(0)
    raise AssertionError("no write started")


def recorded_app(recorder: PlayHistoryRecorder) -> App:
    """The app with the recorder subscribed to the bus, before the driver's notifier (as in the root)."""
    app = build_app()
    app.bus.subscribe(SongStarted, recorder.on_song_started)
    return app


def recording(uow: FakeUnitOfWork) -> tuple[PlayHistoryRecorder, App]:
    recorder = PlayHistoryRecorder(RecordPlay(lambda: uow, ManualClock()))
    return recorder, recorded_app(recorder)


async def test_each_song_that_starts_is_recorded_and_the_event_passed_on() -> None:
    uow = FakeUnitOfWork()
    recorder, app = recording(uow)
    await app.play("one")
    await app.play("two")
    await app.finish()
    await recorder.close()

    plays = await uow.history_repository.recent(GUILD, limit=10)
    assert [p.track.title for p in plays] == ["two", "one"]
    assert all(p.user_id == ALICE and p.guild_id == GUILD and p.track.stream_url is None for p in plays)
    assert app.events.started_titles() == ["one", "two"]


async def test_a_failing_database_is_logged_and_playback_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    uow = FakeUnitOfWork()
    uow.fail_commits = StorageUnavailable()
    recorder, app = recording(uow)
    with caplog.at_level(logging.WARNING):
        await app.play("one")
        await app.play("two")
        await app.player().skip()
        await settle()
        await recorder.close()
    assert app.titles() == ["two"]
    assert app.events.started_titles() == ["one", "two"]
    assert "could not record a play" in caplog.text


async def test_close_waits_for_writes_under_way_then_records_nothing_more() -> None:
    gate = asyncio.Event()
    uow = FakeUnitOfWork()

    class SlowUnitOfWork(FakeUnitOfWork):
        async def commit(self) -> None:
            await gate.wait()
            await uow.commit()

    slow = SlowUnitOfWork(history=uow.history_repository)
    recorder = PlayHistoryRecorder(RecordPlay(lambda: slow, ManualClock()))
    app = recorded_app(recorder)
    await start_playing(app, "one", recorder)
    asyncio.get_running_loop().call_later(0.05, gate.set)
    await recorder.close(max_wait=5)
    assert len(recorder) == 0 and uow.commits == 1

    await app.play("two")
    await app.finish()
    await settle()
    assert len(recorder) == 0 and uow.commits == 1  # closed: nothing more


async def test_close_gives_up_on_a_write_that_hangs() -> None:
    never = asyncio.Event()

    class HangingUnitOfWork(FakeUnitOfWork):
        async def commit(self) -> None:
            await never.wait()

    recorder = PlayHistoryRecorder(RecordPlay(HangingUnitOfWork, ManualClock()))
    app = recorded_app(recorder)
    await start_playing(app, "one", recorder)
    await recorder.close(max_wait=0.05)
    assert len(recorder) == 0
