"""The whole cluster's status: each process publishes its own figures to the `StatusBoard` every few seconds
(gone `ttl` after its last publication: a dead process drops out) and reads everyone's back. /api/status shows
this process's figures plus `cluster`, the sums over every live process, at most `every` seconds old."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from musicbot.application.scale.ports import SharedStoreUnavailable, StatusBoard

log = logging.getLogger(__name__)


def aggregate(processes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Sums over processes; every shard once (by id), with the process that owns it."""
    shards = sorted(
        ({**shard, "process": name} for name, figures in processes.items() for shard in figures.get("shards", [])),
        key=lambda shard: int(shard["id"]),
    )
    return {
        "processes": len(processes),
        "ready": bool(processes) and all(bool(f.get("ready")) for f in processes.values()),
        "servers": sum(int(f.get("servers", 0)) for f in processes.values()),
        "players_playing": sum(int(f.get("players_playing", 0)) for f in processes.values()),
        "shards": shards,
    }


class ClusterStatus:
    def __init__(
        self,
        board: StatusBoard,
        *,
        instance: str,
        local: Callable[[], Mapping[str, Any]],
        every: float = 5.0,
        ttl: float = 15.0,
    ) -> None:
        self._board, self._instance, self._local = board, instance, local
        self._every, self._ttl = every, ttl
        self._cluster: dict[str, Any] | None = None
        self._failing = False

    def as_json(self) -> dict[str, Any]:
        """This process's status, with `cluster` (None until first read, or while the board is unreachable)."""
        return {**self._local(), "instance": self._instance, "cluster": self._cluster}

    async def refresh(self) -> None:
        """Publish this process's figures and read everyone's; the board unreachable: one warning, no cluster, and
        one more line when it answers again (a process started before Redis joins the cluster then)."""
        try:
            await self._board.publish(self._instance, dict(self._local()), self._ttl)
            self._cluster = aggregate(await self._board.read_all())
        except SharedStoreUnavailable as error:
            self._cluster = None
            if not self._failing:
                log.warning("the cluster's status is unavailable (%s); this process's own is served", error)
            self._failing = True
            return
        if self._failing:
            log.warning("the cluster's status is back")
        self._failing = False

    async def run(self) -> None:
        while True:
            await self.refresh()
            await asyncio.sleep(self._every)
