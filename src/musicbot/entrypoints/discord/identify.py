"""Identify turns across processes: how many shards may identify together (Discord's
`session_start_limit.max_concurrency`, read once from GET /gateway/bot unless MUSICBOT_IDENTIFY_CONCURRENCY
overrides it), and waiting for this shard's bucket at the shared `IdentifyGate`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog

from musicbot.application.scale.ports import IdentifyGate

log = structlog.get_logger(__name__)

IDENTIFY_SPACING = 5.0  # seconds between identifies of one bucket (Discord's rule)


class IdentifyTurns:
    def __init__(self, gate: IdentifyGate, *, override: int | None, max_concurrency: Callable[[], Awaitable[int]]):
        self._gate = gate
        self._concurrency = override
        self._ask = max_concurrency

    async def concurrency(self) -> int:
        """The override, else what Discord says (asked once); 1, the safe value, when it cannot be asked."""
        if self._concurrency is None:
            try:
                self._concurrency = max(1, await self._ask())
                log.info("identify concurrency from Discord", max_concurrency=self._concurrency)
            except Exception as error:  # any failure to ask: the safest spacing, never no start
                log.warning("could not read Discord's max_concurrency; identifying one at a time", error=str(error))
                self._concurrency = 1
        return self._concurrency

    async def wait(self, shard_id: int) -> None:
        """Until shard `shard_id` may identify; raises `SharedStoreUnavailable` when the gate cannot be reached."""
        bucket = shard_id % await self.concurrency()
        await self._gate.wait_turn(bucket, spacing=IDENTIFY_SPACING)
