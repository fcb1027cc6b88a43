"""A guild's new player starts with the volume, repeat mode and audio filter the guild last chose (the player
itself knows nothing of storage: the registry runs this on each player it creates)."""

from __future__ import annotations

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.player import GuildPlayer
from musicbot.domain.tracklist import Tracklist


class ApplySavedSettings:
    def __init__(self, settings: GuildSettingsStore) -> None:
        self._settings = settings

    async def __call__(self, player: GuildPlayer) -> None:
        await self._settings.preload(player.guild_id)  # without storage, the defaults
        saved = self._settings.get(player.guild_id)
        await player.set_volume(saved.volume.percent)
        await player.set_repeat(saved.repeat)
        if saved.fair_queue:
            await player.edit_queue(lambda tracklist: _fair(tracklist, on=True))
        if not saved.audio_filter.is_off:
            await player.set_filter(saved.audio_filter)


def _fair(tracklist: Tracklist, *, on: bool) -> int:
    tracklist.fair = on
    return tracklist.fair_order() if on else 0
