"""A SQLite file overwritten with garbage, then restored: reads say the storage is damaged (not that it
"refused a write"), the queue saver says so once per outage, and both work again once the file is back."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.adapters.sql.database import Database, default_database_url
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.application.playlists.list import ListPlaylists, ListPlaylistsQuery
from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot
from musicbot.entrypoints.messages import friendly_error

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def snapshot(guild: int, volume: int = 100) -> QueueSnapshot:
    return QueueSnapshot(guild_id=GuildId(guild), voice_channel_id=ChannelId(1), volume=volume, saved_at=T0)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    url = default_database_url(tmp_path)
    await upgrade_async(url)
    made = create_database(url)
    yield made
    await made.dispose()


async def test_a_damaged_file_is_said_once_and_everything_works_again_once_it_is_restored(
    database: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    uow = unit_of_work_factory(database)
    saver = QueueSaver(uow, retry_delay=0.05)
    saver.save(snapshot(1))
    assert await saver.flush(max_wait=5)
    await database.dispose()  # every page in the main file (no WAL left), so the copy below is whole
    file = tmp_path / "musicbot.db"
    good = file.read_bytes()
    file.write_bytes(os.urandom(len(good)))

    with pytest.raises(StorageUnavailable) as raised:
        await ListPlaylists(uow).execute(ListPlaylistsQuery(guild_id=GuildId(1)))
    message = friendly_error(raised.value)
    assert "damaged" in message and "refused" not in message

    with caplog.at_level(logging.INFO, logger="musicbot.application.saved_queues.queue_saver"):
        for volume in (90, 80, 70):  # changes and checkpoints keep coming during the outage
            saver.save(snapshot(1, volume))
            await asyncio.sleep(0.2)
        assert saver.stats.failures >= 5
        assert not await saver.flush(max_wait=0.1)
        file.write_bytes(good)
        assert await saver.flush(max_wait=5)

    lines = [record for record in caplog.records if record.name.endswith("queue_saver")]
    assert [record.getMessage().split(",")[0] for record in lines] == [
        "could not save queues",
        "queues are saved again",
    ]
    assert all(record.exc_info is None for record in lines)  # no traceback
    async with uow() as work:
        assert await work.queues.get(GuildId(1)) == snapshot(1, 70)
    assert (await ListPlaylists(uow).execute(ListPlaylistsQuery(guild_id=GuildId(1)))).total == 0
    await saver.close()
