"""Repositories kept in memory behind a unit of work that, like a database, forgets what was not committed.

Each fake keeps `committed` (the stored state) and what the open unit of work wrote, which waits until it
commits. Reads give copies, as a database would: changing what was read changes nothing stored until it is saved
and committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from musicbot.application.guild.ports import GuildSettingsRepository
from musicbot.application.history.model import PlayRecord
from musicbot.application.history.ports import ListeningHistoryRepository
from musicbot.application.playlists.ports import ScopedPlaylistRepository
from musicbot.application.saved_queues.ports import QueueRepository
from musicbot.domain.guild_settings import GuildSettings
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.queue_snapshot import QueueSnapshot
from tests.fakes.playlists import FakePlaylistRepository

__all__ = [
    "FakeGuildSettingsRepository",
    "FakeListeningHistoryRepository",
    "FakePlaylistRepository",
    "FakeQueueRepository",
    "FakeUnitOfWork",
]


class FakeGuildSettingsRepository:
    def __init__(self) -> None:
        self.committed: dict[GuildId, GuildSettings] = {}
        self.reads = 0
        self._pending: dict[GuildId, GuildSettings] = {}

    async def get(self, guild_id: GuildId) -> GuildSettings:
        return await self.find(guild_id) or GuildSettings(guild_id=guild_id)

    async def find(self, guild_id: GuildId) -> GuildSettings | None:
        self.reads += 1
        return self._pending.get(guild_id) or self.committed.get(guild_id)

    async def save(self, settings: GuildSettings) -> None:
        self._pending[settings.guild_id] = settings

    def flush(self) -> None:
        self.committed.update(self._pending)
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()


class FakeQueueRepository:
    def __init__(self) -> None:
        self.committed: dict[GuildId, QueueSnapshot] = {}
        self.writes = 0
        self._pending: dict[GuildId, QueueSnapshot | None] = {}  # None: deleted

    async def get(self, guild_id: GuildId) -> QueueSnapshot | None:
        if guild_id in self._pending:
            return self._pending[guild_id]
        return self.committed.get(guild_id)

    async def all(self) -> list[QueueSnapshot]:
        merged = {**self.committed, **self._pending}
        return [snapshot for _, snapshot in sorted(merged.items()) if snapshot is not None]

    async def save(self, snapshot: QueueSnapshot) -> None:
        self.writes += 1
        self._pending[snapshot.guild_id] = snapshot

    async def delete(self, guild_id: GuildId) -> None:
        self._pending[guild_id] = None

    def flush(self) -> None:
        for guild_id, snapshot in self._pending.items():
            if snapshot is None:
                self.committed.pop(guild_id, None)
            else:
                self.committed[guild_id] = snapshot
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()


class FakeListeningHistoryRepository:
    def __init__(self) -> None:
        self.committed: list[PlayRecord] = []
        self._pending: list[PlayRecord] = []

    async def record(self, play: PlayRecord) -> None:
        self._pending.append(play)

    async def recent(self, guild_id: GuildId, *, limit: int) -> list[PlayRecord]:
        return [play for play in self._newest_first() if play.guild_id == guild_id][:limit]

    async def count_by_user(self, user_id: UserId, *, guild_id: GuildId | None = None) -> int:
        return sum(p.user_id == user_id and guild_id in (None, p.guild_id) for p in self._all())

    def _all(self) -> list[PlayRecord]:
        return self.committed + self._pending

    def _oldest_first(self) -> list[PlayRecord]:
        return sorted(self._all(), key=lambda p: p.played_at)  # stable: insertion order breaks ties

    def _newest_first(self) -> list[PlayRecord]:
        return list(reversed(self._oldest_first()))

    def flush(self) -> None:
        self.committed.extend(self._pending)
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()


class FakeUnitOfWork:
    def __init__(
        self,
        repository: FakePlaylistRepository | None = None,
        *,
        guild_settings: FakeGuildSettingsRepository | None = None,
        queues: FakeQueueRepository | None = None,
        history: FakeListeningHistoryRepository | None = None,
    ) -> None:
        self.repository = repository or FakePlaylistRepository()
        self.settings_repository = guild_settings or FakeGuildSettingsRepository()
        self.queue_repository = queues or FakeQueueRepository()
        self.history_repository = history or FakeListeningHistoryRepository()
        # The port's attributes are settable, so they are typed as the ports; tests reach the fakes by the names above.
        self.playlists: ScopedPlaylistRepository = self.repository
        self.guild_settings: GuildSettingsRepository = self.settings_repository
        self.queues: QueueRepository = self.queue_repository
        self.history: ListeningHistoryRepository = self.history_repository
        self.committed = False
        self.commits = 0
        self.rollbacks = 0
        self.fail_commits: Exception | None = None  # raised by the next commits, which then keep nothing

    def _fakes(
        self,
    ) -> tuple[
        FakePlaylistRepository, FakeGuildSettingsRepository, FakeQueueRepository, FakeListeningHistoryRepository
    ]:
        return self.repository, self.settings_repository, self.queue_repository, self.history_repository

    async def __aenter__(self) -> FakeUnitOfWork:
        self.committed = False
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if not self.committed:
            await self.rollback()

    async def commit(self) -> None:
        if self.fail_commits is not None:
            raise self.fail_commits
        for fake in self._fakes():
            fake.flush()
        self.committed = True
        self.commits += 1

    async def rollback(self) -> None:
        for fake in self._fakes():
            fake.discard()
        self.rollbacks += 1


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fakes drift from their ports
    from musicbot.application.playlists.ports import PlaylistRepository, UnitOfWork
    from musicbot.application.storage import StorageUnitOfWork

    _repository: PlaylistRepository = FakePlaylistRepository()
    _scoped: ScopedPlaylistRepository = FakePlaylistRepository()
    _settings: GuildSettingsRepository = FakeGuildSettingsRepository()
    _queues: QueueRepository = FakeQueueRepository()
    _history: ListeningHistoryRepository = FakeListeningHistoryRepository()
    _storage: StorageUnitOfWork = FakeUnitOfWork()
    # Through the storage port: `playlists` is narrowed there, and protocol attributes are invariant.
    _uow: UnitOfWork = _storage
