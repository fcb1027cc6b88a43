"""The auto-leave rule's clock: every few seconds, leave the guilds whose idle or alone time is up.

Shared by the drivers: the bot says why it left in the guild's channel, the console on its terminal. Songs
starting and queues finishing reach the rule through the message bus; voice states (who is listening), only a
driver with voice members sees (the console never is alone, so it leaves only when idle after the queue ended).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from musicbot.application.guild.auto_leave import AutoLeave, AutoLeft

log = logging.getLogger(__name__)

SWEEP_EVERY = 5.0  # seconds between checks: the timers are minutes, this is their resolution


class AutoLeaveSweep:
    def __init__(
        self, auto_leave: AutoLeave, on_left: Callable[[AutoLeft], Awaitable[None]], *, every: float = SWEEP_EVERY
    ) -> None:
        self._auto_leave = auto_leave
        self._on_left = on_left
        self._every = every
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._sweep_forever(), name="auto-leave")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            try:
                for left in await self._auto_leave.sweep():
                    log.info("left a voice channel by itself in guild %s: %s", left.guild_id, left.reason)
                    await self._on_left(left)
            except Exception:
                log.exception("auto-leave sweep failed")
