"""Many guilds writing at once: none waits long on another, nothing is lost; the queue saver costs commands no I/O.

The figures are printed (`pytest -s`); the bounds asserted are loose, to catch a regression by an order of
magnitude rather than the noise of a shared CI machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import UTC, datetime

from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.track import SourceKind, Track
from tests.integration.test_sql_backends import SQL, Storage, storage_fixture

storage = storage_fixture(SQL)
GUILDS = 20
WRITES = 10


def track(title: str) -> Track:
    return Track(title=title, page_url=f"https://example.com/{title}", source=SourceKind.YOUTUBE, duration=100.0)


def p99(values: list[float]) -> float:
    return sorted(values)[max(int(len(values) * 0.99) - 1, 0)]


async def test_many_guilds_writing_at_once_do_not_block_each_other(storage: Storage) -> None:
    latencies: list[float] = []

    async def guild_writes(guild: int) -> None:
        async with storage.uow() as uow:
            lists = await uow.playlists.get(GuildId(guild))
            lists.create("mine")
            await uow.playlists.save(lists)
            await uow.commit()
        for n in range(WRITES):
            started = time.perf_counter()
            async with storage.uow() as uow:
                lists = await uow.playlists.get_scoped(GuildId(guild), tracks_of=["mine"])
                lists.get("mine").add(track(f"{guild}-{n}"))
                await uow.playlists.save(lists)
                await uow.commit()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(guild_writes(g) for g in range(1, GUILDS + 1)))
    elapsed = time.perf_counter() - started

    for guild in range(1, GUILDS + 1):
        async with storage.uow() as uow:
            assert len((await uow.playlists.get(GuildId(guild))).get("mine")) == WRITES
    writes = GUILDS * WRITES
    print(
        f"\n{storage.kind}: {GUILDS} guilds x {WRITES} adds at once: {writes / elapsed:.0f} commits/s, "
        f"latency p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99(latencies) * 1000:.1f} ms"
    )
    assert p99(latencies) < 5.0


async def test_the_queue_saver_keeps_commands_off_the_disk(storage: Storage) -> None:
    songs = tuple(
        QueuedTrack(track=track(f"s{n}"), requester=UserId(1), requested_at=datetime(2025, 1, 1, tzinfo=UTC))
        for n in range(1000)
    )
    saver = QueueSaver(storage.uow)
    calls: list[float] = []
    for change in range(2000):  # 20 guilds, 100 changes each, as fast as commands could come
        guild = GuildId(change % GUILDS + 1)
        snapshot = QueueSnapshot(
            guild_id=guild,
            voice_channel_id=ChannelId(1),
            current=songs[0],
            upcoming=songs[1:],
            position=float(change),
            saved_at=songs[0].requested_at,
        )
        started = time.perf_counter()
        saver.save(snapshot)
        calls.append(time.perf_counter() - started)
        if change % 50 == 0:
            await asyncio.sleep(0.001)  # commands arrive over time: let the writer run
    flush_started = time.perf_counter()
    assert await saver.close(max_wait=60)
    flushed = time.perf_counter() - flush_started

    async with storage.uow() as uow:
        saved = {s.guild_id: s for s in await uow.queues.all()}
    assert len(saved) == GUILDS
    assert all(len(s.songs) == 1000 and s.position >= 2000 - GUILDS for s in saved.values())  # the last ones won
    print(
        f"\n{storage.kind}: 2000 changes of 1000-song queues: changed() p99 {p99(calls) * 1e6:.1f} us, "
        f"{saver.stats.saved} snapshots in {saver.stats.transactions} transactions, final flush {flushed * 1000:.0f} ms"
    )
    assert p99(calls) < 0.001
