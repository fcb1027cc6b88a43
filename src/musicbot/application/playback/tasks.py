"""The tasks a player starts by itself (ends of tracks, events, prefetches, batch loads), guarded and owned."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class OwnedTasks:
    """Tasks that must not outlive their owner: cancelled together, and a failure is logged, never raised."""

    def __init__(self, owner: str) -> None:
        self._owner = owner
        self._tasks: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(self._guarded(coroutine))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        # A task cancelled before it ran never started `coroutine`: close it, or it warns "never awaited".
        task.add_done_callback(lambda _: coroutine.close())
        return task

    async def cancel_all(self) -> None:
        """Cancel every task but the caller's own, and wait until they are gone."""
        current = asyncio.current_task()
        pending = [task for task in self._tasks if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _guarded(self, coroutine: Coroutine[Any, Any, None]) -> None:
        try:
            await coroutine
        except asyncio.CancelledError:
            raise
        except Exception:
            # An event handler, a late end or a batch must never take the player down with it.
            log.exception("task of %s failed", self._owner)
