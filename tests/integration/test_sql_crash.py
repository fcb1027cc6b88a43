"""Killing the process at any moment loses nothing that was acknowledged, and leaves the database consistent.

A child process writes bursts from four guilds at once (each transaction: append to a journal playlist, create a
playlist and make it active, save the queue) and prints an ack line after each commit. It is SIGKILLed at a
random moment; every acknowledged write must then be there, whole, and the stored invariants must hold (item
counts, gap-free positions, foreign keys). Several rounds run on the same database, each resuming the bursts.
"""

from __future__ import annotations

import asyncio
import random
import signal
import sys
from collections import defaultdict

import pytest
import sqlalchemy as sa

from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.adapters.sql import tables as t
from musicbot.domain.ids import GuildId
from tests.integration.test_sql_backends import SQL, Storage, storage_fixture

storage = storage_fixture(SQL)
GUILDS = (1, 2, 3, 2**62)
ROUNDS = 3

CHILD = r"""
import asyncio, sys
from datetime import UTC, datetime
from musicbot.adapters.sql import SqlAlchemyUnitOfWork, create_database
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.track import SourceKind, Track

def track(title):
    return Track(title=title, page_url="https://example.com/" + title, source=SourceKind.YOUTUBE, duration=60.0)

async def burst(database, guild, start):
    i = start
    while True:
        async with SqlAlchemyUnitOfWork(database) as uow:
            lists = await uow.playlists.get_scoped(guild, tracks_of=["journal"])
            if not any(p.name.key == "journal" for p in lists.entries):
                lists.create("journal", max_size=1_000_000)
            lists.get("journal").add(track(f"{guild}-{i}"))
            new = lists.create(f"burst {i}")
            for k in range(i % 7 + 1):
                new.add(track(f"{i}.{k}"))
            lists.activate(new.name.value)
            await uow.playlists.save(lists)
            songs = tuple(QueuedTrack(track=track(f"q{i}.{k}"), requester=UserId(1), requested_at=datetime.now(UTC))
                          for k in range(i % 50 + 1))
            await uow.queues.save(QueueSnapshot(guild_id=guild, voice_channel_id=ChannelId(1), current=songs[0],
                                                upcoming=songs[1:], position=float(i), saved_at=datetime.now(UTC)))
            await uow.commit()
        print(f"ack {guild} {i}", flush=True)
        i += 1

async def main():
    database = create_database(sys.argv[1])
    starts = [int(part) for part in sys.argv[2].split(",")]
    guilds = [GuildId(int(part)) for part in sys.argv[3].split(",")]
    await asyncio.gather(*(burst(database, g, s) for g, s in zip(guilds, starts)))

asyncio.run(main())
"""


async def run_and_kill(url: str, starts: dict[int, int], rng: random.Random) -> list[tuple[int, int]]:
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        url,
        ",".join(str(starts[g]) for g in GUILDS),
        ",".join(str(g) for g in GUILDS),
        stdout=asyncio.subprocess.PIPE,
    )
    assert child.stdout is not None
    acks: list[tuple[int, int]] = []
    first = asyncio.Event()

    async def read() -> None:
        assert child.stdout is not None
        async for line in child.stdout:
            _, guild, number = line.decode().split()
            acks.append((int(guild), int(number)))
            first.set()
        first.set()  # it exited: the assertion below says whether it wrote anything

    reader = asyncio.create_task(read())
    await asyncio.wait_for(first.wait(), 30)
    assert acks, "the writer exited without acknowledging a write (its error is above)"
    await asyncio.sleep(rng.uniform(0.0, 0.4))
    child.send_signal(signal.SIGKILL)
    assert await child.wait() == -signal.SIGKILL
    await reader  # what it printed before dying was acknowledged
    return acks


async def check(storage: Storage, acks: list[tuple[int, int]]) -> dict[int, int]:
    """Every acknowledged write is there; returns each guild's next burst number."""
    acked: dict[int, int] = defaultdict(lambda: -1)
    for guild, number in acks:
        acked[guild] = max(acked[guild], number)
    following: dict[int, int] = {}
    for guild in GUILDS:
        async with storage.uow() as uow:
            lists = await uow.playlists.get(GuildId(guild))
            queue = await uow.queues.get(GuildId(guild))
        journal = [tr.title for tr in lists.get("journal").tracks] if lists.playlists else []
        done = len(journal)
        assert journal == [f"{guild}-{n}" for n in range(done)], "the journal has a gap or a stray entry"
        assert done >= acked[guild] + 1, f"guild {guild}: write {acked[guild]} was acknowledged, then lost"
        for number in range(done):  # a playlist of each write, whole
            assert [tr.title for tr in lists.get(f"burst {number}").tracks] == [
                f"{number}.{k}" for k in range(number % 7 + 1)
            ]
        if done:
            assert lists.active is lists.get(f"burst {done - 1}")
            assert queue is not None and queue.position == done - 1 and len(queue.songs) == (done - 1) % 50 + 1
        following[guild] = done
    return following


async def check_invariants(storage: Storage) -> None:
    assert storage.database is not None
    p, i, q = t.playlists.c, t.playlist_items.c, t.queue_items.c
    async with storage.database.connect() as connection:
        counts = sa.select(i.playlist_id, sa.func.count(), sa.func.min(i.position), sa.func.max(i.position)).group_by(
            i.playlist_id
        )
        items = {row[0]: tuple(row[1:]) for row in await connection.execute(counts)}
        for row_id, item_count in await connection.execute(sa.select(p.id, p.item_count)):
            # As many items as the playlist says, at positions 1..n without a gap.
            assert items.get(row_id) == ((item_count, 1, item_count) if item_count else None)
        gaps = sa.select(q.guild_id).group_by(q.guild_id).having(sa.func.max(q.position) + 1 != sa.func.count())
        assert (await connection.execute(gaps)).all() == []
        if storage.kind == "sqlite":
            assert await connection.scalar(sa.text("PRAGMA integrity_check")) == "ok"
            assert (await connection.execute(sa.text("PRAGMA foreign_key_check"))).all() == []


@pytest.mark.timeout(90)
async def test_a_killed_writer_loses_no_acknowledged_write(storage: Storage) -> None:
    assert storage.url is not None and storage.database is not None
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    starts = dict.fromkeys(GUILDS, 0)
    await storage.database.dispose()  # the child writes alone; we look only between rounds
    total = 0
    for _ in range(ROUNDS):
        acks = await run_and_kill(storage.url, starts, rng)
        total += len(acks)
        reopened = create_database(storage.url)
        storage.database, storage.uow = reopened, unit_of_work_factory(reopened)
        try:
            starts = await check(storage, acks)
            await check_invariants(storage)
        except AssertionError as error:
            raise AssertionError(f"seed {seed}: {error}") from error
        finally:
            await reopened.dispose()
    print(f"crash test: {total} acknowledged writes over {ROUNDS} kills")
    assert total >= ROUNDS
