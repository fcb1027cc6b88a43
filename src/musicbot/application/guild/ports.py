"""The storage port of per-guild settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from musicbot.domain.guild_settings import GuildSettings
from musicbot.domain.ids import GuildId


class GuildSettingsRepository(Protocol):
    async def get(self, guild_id: GuildId) -> GuildSettings:
        """The guild's settings; the defaults when it never changed any."""
        ...

    async def find(self, guild_id: GuildId) -> GuildSettings | None:
        """The guild's saved settings; None when it never saved any (the caller picks the defaults)."""
        ...

    async def save(self, settings: GuildSettings) -> None: ...


class GuildSettingsUnitOfWork(Protocol):
    """What the settings store needs of a unit of work (the storage's whole one has it)."""

    guild_settings: GuildSettingsRepository

    async def __aenter__(self) -> GuildSettingsUnitOfWork: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...


GuildSettingsUnitOfWorkFactory = Callable[[], GuildSettingsUnitOfWork]
