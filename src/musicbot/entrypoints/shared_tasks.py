"""What a process runs in the background for the others (with Redis): hearing their settings changes, and
publishing its status (reading the cluster's back)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from typing import Any

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.scale.cluster_status import ClusterStatus
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.shared_state import SharedState


class SharedTasks:
    def __init__(
        self,
        shared: SharedState,
        guild_settings: GuildSettingsStore,
        status: Callable[[], Mapping[str, Any]],
        registry: PlayerRegistry | None = None,
    ) -> None:
        self._shared = shared
        self._guild_settings = guild_settings
        self._registry = registry
        self._tasks: list[asyncio.Task[None]] = []
        board = shared.status_board
        # /api/status: with Redis, this process's figures and the cluster's; else this process's alone.
        self.cluster = None if board is None else ClusterStatus(board, instance=shared.instance, local=status)
        self.status: Callable[[], Mapping[str, Any]] = status if self.cluster is None else self.cluster.as_json

    def start(self) -> None:
        if self._tasks:
            return
        feed = self._shared.settings_feed
        if feed is not None:
            listen = feed.listen(self.settings_changed, self._guild_settings.refresh_all)
            self._tasks.append(asyncio.get_running_loop().create_task(listen, name="settings-changes"))
        if self.cluster is not None:
            self._tasks.append(asyncio.get_running_loop().create_task(self.cluster.run(), name="cluster-status"))

    async def settings_changed(self, guild_id: GuildId) -> None:
        """Another process changed the guild's settings: read them again, and give this process's player there
        the new volume and repeat mode at once (as `/settings` does in the process that made the change)."""
        store = self._guild_settings
        before = store.get(guild_id) if store.is_loaded(guild_id) else None
        await store.refresh(guild_id)
        player = self._registry.find(guild_id) if self._registry is not None else None
        if before is None or player is None or player.closed or not store.is_loaded(guild_id):
            return
        after = store.get(guild_id)
        if after.volume != before.volume:
            await player.set_volume(after.volume.percent)
        if after.repeat != before.repeat:
            await player.set_repeat(after.repeat)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
