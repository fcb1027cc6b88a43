"""An `on_end` callback for output tests: records every end, and may act inside it as the player does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Ends:
    """Records every call; `then` runs inside the callback (the player plays the next song there)."""

    reasons: list[str | None] = field(default_factory=list)
    positions: list[float | None] = field(default_factory=list)
    stalls: list[bool] = field(default_factory=list)
    event: asyncio.Event = field(default_factory=asyncio.Event)
    then: Callable[[], object] | None = None

    async def __call__(self, reason: str | None, /, *, position: float | None = None, stalled: bool = False) -> None:
        self.reasons.append(reason)
        self.positions.append(position)
        self.stalls.append(stalled)
        if self.then is not None:
            result = self.then()
            if asyncio.iscoroutine(result):
                await result
        self.event.set()

    async def wait(self, seconds: float = 10.0) -> str | None:
        async with asyncio.timeout(seconds):
            await self.event.wait()
        return self.reasons[-1]
