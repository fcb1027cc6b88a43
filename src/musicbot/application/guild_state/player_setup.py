"""A guild's new player starts with the volume and repeat mode the guild last chose (the player itself knows
nothing of storage: the registry runs this on each player it creates)."""

from __future__ import annotations

from musicbot.application.guild_state.settings import GuildSettingsStore
from musicbot.application.playback.player import GuildPlayer


class ApplySavedSettings:
    def __init__(self, settings: GuildSettingsStore) -> None:
        self._settings = settings

    async def __call__(self, player: GuildPlayer) -> None:
        await self._settings.preload(player.guild_id)  # without storage, the defaults
        saved = self._settings.get(player.guild_id)
        await player.set_volume(saved.volume)
        await player.set_repeat(saved.repeat)
