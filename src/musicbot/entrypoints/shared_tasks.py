"""What a process runs in the background for the others (with Redis): hearing their settings changes."""

from __future__ import annotations

import asyncio
import contextlib

from musicbot.application.guild_state.settings import GuildSettingsStore
from musicbot.entrypoints.shared_state import SharedState


class SharedTasks:
    def __init__(self, shared: SharedState, guild_settings: GuildSettingsStore) -> None:
        self._shared = shared
        self._guild_settings = guild_settings
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        if self._tasks:
            return
        feed = self._shared.settings_feed
        if feed is not None:
            listen = feed.listen(self._guild_settings.refresh, self._guild_settings.refresh_all)
            self._tasks.append(asyncio.get_running_loop().create_task(listen, name="settings-changes"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
