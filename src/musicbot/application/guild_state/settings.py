"""Per-guild settings that outlive a voice session. Kept in memory for now; stored with the guild's other data
once persistence lands."""

from __future__ import annotations

from dataclasses import dataclass, replace

from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class GuildSettings:
    # Stay in the voice channel when idle or alone ("24/7").
    stay_connected: bool = False


DEFAULTS = GuildSettings()


class GuildSettingsStore:
    """Only guilds that changed something take room; a guild that removes the bot is forgotten."""

    def __init__(self) -> None:
        self._guilds: dict[GuildId, GuildSettings] = {}

    def __len__(self) -> int:
        return len(self._guilds)

    def get(self, guild_id: GuildId) -> GuildSettings:
        return self._guilds.get(guild_id, DEFAULTS)

    def set_stay_connected(self, guild_id: GuildId, enabled: bool) -> GuildSettings:
        return self._put(guild_id, replace(self.get(guild_id), stay_connected=enabled))

    def forget(self, guild_id: GuildId) -> None:
        self._guilds.pop(guild_id, None)

    def _put(self, guild_id: GuildId, settings: GuildSettings) -> GuildSettings:
        if settings == DEFAULTS:
            self._guilds.pop(guild_id, None)
        else:
            self._guilds[guild_id] = settings
        return settings
