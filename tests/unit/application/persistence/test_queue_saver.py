"""The background queue saver: changes cost no I/O, the latest state wins, and shutdown writes what is pending."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.storage_errors import PersistenceError, StorageUnavailable
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot
from tests.fakes.repositories import FakeQueueRepository, FakeUnitOfWork

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def snapshot(guild: int, volume: int = 100) -> QueueSnapshot:
    return QueueSnapshot(guild_id=GuildId(guild), voice_channel_id=ChannelId(1), volume=volume, saved_at=T0)


async def test_a_burst_of_changes_is_written_once_as_it_ended() -> None:
    uow = FakeUnitOfWork()
    saver = QueueSaver(lambda: uow)
    built: list[int] = []

    def source(volume: int) -> QueueSnapshot:
        built.append(volume)
        return snapshot(1, volume)

    for volume in range(50):
        saver.changed(GuildId(1), lambda volume=volume: source(volume))  # type: ignore[misc]
    saver.save(snapshot(2))
    assert uow.commits == 0  # nothing written while the commands ran

    assert await saver.flush()

    assert built == [49]  # only the latest change was even built
    assert uow.queue_repository.committed == {GuildId(1): snapshot(1, 49), GuildId(2): snapshot(2)}
    assert (saver.stats.changes, saver.stats.saved, saver.stats.transactions) == (51, 2, 1)
    await saver.close()


async def test_forget_deletes_and_close_flushes_then_ignores_later_changes() -> None:
    uow = FakeUnitOfWork()
    saver = QueueSaver(lambda: uow)
    saver.save(snapshot(1))
    await saver.flush()
    saver.forget(GuildId(1))
    saver.save(snapshot(2))

    assert await saver.close()

    assert uow.queue_repository.committed == {GuildId(2): snapshot(2)}
    saver.save(snapshot(3))
    await asyncio.sleep(0)
    assert GuildId(3) not in uow.queue_repository.committed


async def test_a_failed_write_is_tried_again_with_the_newest_state() -> None:
    uow = FakeUnitOfWork()
    uow.fail_commits = StorageUnavailable()
    saver = QueueSaver(lambda: uow, retry_delay=0.01)
    saver.save(snapshot(1, 10))
    await asyncio.sleep(0.02)
    saver.save(snapshot(1, 20))
    assert not await saver.flush(max_wait=0.05)
    uow.fail_commits = None

    assert await saver.flush(max_wait=1)

    assert uow.queue_repository.committed == {GuildId(1): snapshot(1, 20)}
    assert saver.stats.failures >= 2
    await saver.close()


async def test_a_snapshot_the_database_refuses_does_not_hold_up_the_others() -> None:
    refused = snapshot(1)

    class Refusing(FakeQueueRepository):
        async def save(self, snapshot: QueueSnapshot) -> None:
            if snapshot is refused:
                raise PersistenceError("refused")
            await super().save(snapshot)

    uow = FakeUnitOfWork(queues=Refusing())
    saver = QueueSaver(lambda: uow)
    saver.save(refused)
    saver.save(snapshot(2))

    assert await saver.flush(max_wait=1)

    assert uow.queue_repository.committed == {GuildId(2): snapshot(2)}
    assert saver.stats.dropped == 1
    await saver.close()


async def test_a_source_that_breaks_keeps_what_was_saved(caplog: pytest.LogCaptureFixture) -> None:
    uow = FakeUnitOfWork()
    saver = QueueSaver(lambda: uow)
    saver.save(snapshot(1))
    await saver.flush()

    def broken() -> QueueSnapshot:
        raise RuntimeError("bug")

    saver.changed(GuildId(1), broken)
    assert await saver.flush()

    assert uow.queue_repository.committed == {GuildId(1): snapshot(1)}
    assert "could not take a snapshot" in caplog.text
    await saver.close()
