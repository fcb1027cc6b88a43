"""A `GuildSettingsStore` over the fake repository, each transaction a new fake unit of work (as in production)."""

from __future__ import annotations

from dataclasses import dataclass, field

from musicbot.application.guild.settings import GuildSettingsStore, SettingsDefaults
from musicbot.application.storage import StorageUnitOfWork
from tests.fakes.repositories import FakeGuildSettingsRepository, FakeUnitOfWork


@dataclass
class FakeSettingsStorage:
    repository: FakeGuildSettingsRepository = field(default_factory=FakeGuildSettingsRepository)
    units: list[FakeUnitOfWork] = field(default_factory=list)
    fail: Exception | None = None  # raised when a transaction begins (storage down)
    fail_commits: Exception | None = None  # raised by commits, which then keep nothing

    def new_unit(self) -> StorageUnitOfWork:
        if self.fail is not None:
            raise self.fail
        uow = FakeUnitOfWork(guild_settings=self.repository)
        uow.fail_commits = self.fail_commits
        self.units.append(uow)
        return uow

    def store(self, defaults: SettingsDefaults | None = None) -> GuildSettingsStore:
        return GuildSettingsStore(self.new_unit, defaults=defaults)

    @property
    def commits(self) -> int:
        return sum(unit.commits for unit in self.units)
