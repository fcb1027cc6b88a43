"""Per-guild settings (volume, repeat, 24/7, auto-leave time, DJ role, music channel), kept across restarts.

A read-through cache over the `guild_settings` repository: hot paths (the auto-leave sweep, the voice rules, the
check on every command) read synchronously from memory; a guild's row is read once, on its first use, by an
async `load`. A change is written through a unit of work and kept in memory only once it is committed, so a
change that is acknowledged is on disk, and one that failed is nowhere. With `changes` (several processes), a
change is announced to the others, whose `refresh` reads the row again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from musicbot.application.guild.ports import GuildSettingsUnitOfWorkFactory
from musicbot.application.scale.ports import SettingsChangeFeed
from musicbot.application.storage_errors import PersistenceError
from musicbot.application.support.keyed_locks import KeyedLocks
from musicbot.domain.guild_settings import DEFAULT_AUTO_LEAVE_SECONDS, GuildSettings
from musicbot.domain.ids import GuildId
from musicbot.domain.player_state import DEFAULT_VOLUME, Volume

log = logging.getLogger(__name__)

SettingsChange = Callable[[GuildSettings], GuildSettings]


@dataclass(frozen=True, slots=True, kw_only=True)
class SettingsDefaults:
    """What a guild that never chose gets: the bot-wide settings (`default_volume`, `idle_timeout`)."""

    volume: int = DEFAULT_VOLUME
    auto_leave_seconds: int = DEFAULT_AUTO_LEAVE_SECONDS

    def for_guild(self, guild_id: GuildId) -> GuildSettings:
        return GuildSettings(guild_id=guild_id, volume=Volume(self.volume), auto_leave_seconds=self.auto_leave_seconds)


class GuildSettingsStore:
    def __init__(
        self,
        uow_factory: GuildSettingsUnitOfWorkFactory,
        *,
        defaults: SettingsDefaults | None = None,
        changes: SettingsChangeFeed | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._changes = changes
        self._defaults = defaults or SettingsDefaults()
        self._guilds: dict[GuildId, GuildSettings] = {}
        # One lock a guild while its row is read or written (a load racing a change must not cache the old
        # row); dropped when nobody holds or awaits it.
        self._locks: KeyedLocks[GuildId] = KeyedLocks()

    def __len__(self) -> int:
        """Guilds held in memory."""
        return len(self._guilds)

    def is_loaded(self, guild_id: GuildId) -> bool:
        return guild_id in self._guilds

    def get(self, guild_id: GuildId) -> GuildSettings:
        """The guild's settings as loaded; the defaults until `load` read them."""
        found = self._guilds.get(guild_id)
        return self._defaults.for_guild(guild_id) if found is None else found

    async def load(self, guild_id: GuildId) -> GuildSettings:
        """The guild's settings, read from storage on first use; raises `PersistenceError` when it cannot be read."""
        found = self._guilds.get(guild_id)
        if found is not None:
            return found
        async with self._locks.hold(guild_id):
            return await self._load_locked(guild_id)

    async def preload(self, guild_id: GuildId) -> bool:
        """`load` for paths that must go on without storage (music still plays when the database is down): a
        failure is logged and the defaults stand in until a later call reads the row. True when loaded."""
        try:
            await self.load(guild_id)
        except PersistenceError as error:
            log.warning("could not read the guild's settings; using the defaults for now: %s", error)
            return False
        return True

    async def update(self, guild_id: GuildId, change: SettingsChange) -> GuildSettings:
        """Apply `change` to the guild's settings, commit, then keep the result (returned)."""
        async with self._locks.hold(guild_id):
            current = await self._load_locked(guild_id)
            changed = change(current)
            if changed.guild_id != guild_id:
                raise ValueError("a settings change cannot move settings to another guild")
            if changed == current:
                return current
            async with self._uow_factory() as uow:
                await uow.guild_settings.save(changed)
                await uow.commit()
            self._guilds[guild_id] = changed
        if self._changes is not None:
            await self._changes.publish(guild_id)
        return changed

    async def refresh(self, guild_id: GuildId) -> None:
        """Another process changed the guild's settings: read them again if they are held here (when the
        database cannot be read, the guild is dropped from memory so that its next use reads it)."""
        if guild_id not in self._guilds:
            return
        async with self._locks.hold(guild_id):
            self._guilds.pop(guild_id, None)
            try:
                await self._load_locked(guild_id)
            except PersistenceError as error:
                log.warning("could not read a server's changed settings; read again on its next use: %s", error)

    async def refresh_all(self) -> None:
        """Read every held guild again (changes may have been missed while the other processes were unheard)."""
        for guild_id in list(self._guilds):
            await self.refresh(guild_id)

    def forget(self, guild_id: GuildId) -> None:
        """Drop the guild from memory (it removed the bot); its saved row stays for when it comes back."""
        self._guilds.pop(guild_id, None)

    async def _load_locked(self, guild_id: GuildId) -> GuildSettings:
        found = self._guilds.get(guild_id)
        if found is not None:
            return found
        async with self._uow_factory() as uow:
            saved = await uow.guild_settings.find(guild_id)
        settings = self._defaults.for_guild(guild_id) if saved is None else saved
        self._guilds[guild_id] = settings
        return settings
