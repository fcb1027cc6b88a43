"""Saves every guild's live queue in the background: a change costs the command a dictionary write, no I/O.

Each guild has at most one pending save, and it is the latest: `changed` replaces what was pending, and the
snapshot is built only when the writer gets to it, so a burst of changes (a playlist queued in chunks, a shuffle
then a skip) is written once, as it ended. One writer task writes the pending guilds together, which suits
SQLite's single writer and costs one fsync for many guilds; a transaction holds about `max_songs` songs at most,
so that a command waiting for SQLite's writer gets its turn between two of them. `flush` waits until everything
announced so far is written (shutdown); a failed write is tried again after `retry_delay`, and a snapshot the
database refuses for good is dropped (and logged) so that it cannot hold up the other guilds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from musicbot.application.saved_queues.ports import QueueUnitOfWorkFactory
from musicbot.application.storage_errors import PersistenceError, StorageUnavailable
from musicbot.domain.ids import GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot

log = logging.getLogger(__name__)

# Builds the guild's snapshot when it is written; None means the queue is gone (its saved copy is deleted).
SnapshotSource = Callable[[], QueueSnapshot | None]


@dataclass(slots=True)
class SaverStats:
    changes: int = 0  # announced by `changed`
    saved: int = 0  # snapshots written (or deletions)
    transactions: int = 0
    failures: int = 0
    dropped: int = 0


class QueueSaver:
    def __init__(
        self,
        uow_factory: QueueUnitOfWorkFactory,
        *,
        delay: float = 0.0,
        retry_delay: float = 1.0,
        max_songs: int = 2000,
    ) -> None:
        self._uow_factory = uow_factory
        self._max_songs = max_songs
        self._delay = delay  # a short wait before each write lets a burst of changes settle
        self._retry_delay = retry_delay
        self._pending: dict[GuildId, SnapshotSource] = {}
        self._wake = asyncio.Event()
        self._progress = asyncio.Condition()
        self._written = 0  # every change up to this count is written
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self.stats = SaverStats()
        self._outage: int | None = None  # failed attempts since the storage became unavailable; None: it works

    def changed(self, guild_id: GuildId, source: SnapshotSource) -> None:
        """The guild's queue changed: `source` will be called for its snapshot (the last one given wins)."""
        if self._closed:
            log.warning("queue of guild %s changed after the saver closed; not saved", guild_id)
            return
        self._pending[guild_id] = source
        self.stats.changes += 1
        self._wake.set()
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="queue-saver")

    def save(self, snapshot: QueueSnapshot) -> None:
        self.changed(snapshot.guild_id, lambda: snapshot)

    def forget(self, guild_id: GuildId) -> None:
        """The guild has no queue any more (the bot left, or was stopped): its saved queue is deleted."""
        self.changed(guild_id, _nothing)

    async def flush(self, *, max_wait: float | None = None) -> bool:
        """Wait until every change announced so far is written; False when `max_wait` seconds passed first."""
        target = self.stats.changes
        if self._task is None or self._written >= target:
            return True
        async with self._progress:
            try:
                await asyncio.wait_for(self._progress.wait_for(lambda: self._written >= target), max_wait)
            except TimeoutError:
                return False
        return True

    async def close(self, *, max_wait: float | None = 10.0) -> bool:
        """Write what is pending (at shutdown), then stop; False when that took more than `max_wait` seconds."""
        self._closed = True
        flushed = await self.flush(max_wait=max_wait)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        return flushed

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            if self._delay:
                await asyncio.sleep(self._delay)
            self._wake.clear()
            covered, batch = self.stats.changes, self._pending
            self._pending = {}
            if await self._write_all(_build(batch)):
                await self._advance(covered)
            else:
                for guild_id, source in batch.items():
                    self._pending.setdefault(guild_id, source)  # unless a newer change came meanwhile
                self._wake.set()
                await asyncio.sleep(self._retry_delay)

    async def _write_all(self, snapshots: dict[GuildId, QueueSnapshot | None]) -> bool:
        settled, chunk, songs = True, dict[GuildId, QueueSnapshot | None](), 0
        for guild_id, snapshot in snapshots.items():
            size = len(snapshot.songs) if snapshot is not None else 0
            if chunk and songs + size > self._max_songs:
                settled &= await self._write(chunk)
                chunk, songs = {}, 0
            chunk[guild_id] = snapshot
            songs += size
        if chunk:
            settled &= await self._write(chunk)
        return settled

    async def _write(self, snapshots: dict[GuildId, QueueSnapshot | None]) -> bool:
        """True when the batch is settled: written, or dropped for good. False: try again later."""
        try:
            await self._transaction(snapshots)
            return True
        except StorageUnavailable as error:
            self.stats.failures += 1
            if self._outage is None:  # one line an outage, not one an attempt (checkpoints come every 30 s)
                log.warning(
                    "could not save queues, trying again every %g s until it works: %s", self._retry_delay, error
                )
                self._outage = 0
            self._outage += 1
            return False
        except PersistenceError:
            self.stats.failures += 1
            if len(snapshots) == 1:
                self.stats.dropped += 1
                log.exception("the database refused the queue of guild %s; it is not saved", *snapshots)
                return True
        # One refused snapshot failed the whole batch: each is written alone, so the others are kept.
        settled = True
        for guild_id, snapshot in snapshots.items():
            settled &= await self._write({guild_id: snapshot})
        return settled

    async def _transaction(self, snapshots: dict[GuildId, QueueSnapshot | None]) -> None:
        async with self._uow_factory() as uow:
            for guild_id, snapshot in snapshots.items():
                if snapshot is None:
                    await uow.queues.delete(guild_id)
                else:
                    await uow.queues.save(snapshot)
            await uow.commit()
        self.stats.transactions += 1
        self.stats.saved += len(snapshots)
        if self._outage is not None:
            log.warning("queues are saved again, after %d failed attempt(s)", self._outage)
            self._outage = None

    async def _advance(self, covered: int) -> None:
        async with self._progress:
            self._written = max(self._written, covered)
            self._progress.notify_all()


def _nothing() -> None:
    return None


def _build(batch: dict[GuildId, SnapshotSource]) -> dict[GuildId, QueueSnapshot | None]:
    snapshots: dict[GuildId, QueueSnapshot | None] = {}
    for guild_id, source in batch.items():
        try:
            snapshots[guild_id] = source()
        except Exception:  # a bug in the source: keep what was saved before rather than lose it
            log.exception("could not take a snapshot of the queue of guild %s", guild_id)
    return snapshots
