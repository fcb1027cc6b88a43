"""What a process runs in the background for the others (with Redis): hearing their settings changes, and
publishing its status (reading the cluster's back)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from typing import Any

from musicbot.application.guild_state.settings import GuildSettingsStore
from musicbot.application.scale.cluster_status import ClusterStatus
from musicbot.entrypoints.shared_state import SharedState


class SharedTasks:
    def __init__(
        self, shared: SharedState, guild_settings: GuildSettingsStore, status: Callable[[], Mapping[str, Any]]
    ) -> None:
        self._shared = shared
        self._guild_settings = guild_settings
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
            listen = feed.listen(self._guild_settings.refresh, self._guild_settings.refresh_all)
            self._tasks.append(asyncio.get_running_loop().create_task(listen, name="settings-changes"))
        if self.cluster is not None:
            self._tasks.append(asyncio.get_running_loop().create_task(self.cluster.run(), name="cluster-status"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
