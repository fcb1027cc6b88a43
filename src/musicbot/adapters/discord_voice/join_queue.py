"""Voice joins of one gateway connection, in order, paced to Discord's gateway send limit.

Every voice join, move or leave is one gateway send (op 4). Discord closes a connection that sends more than
120 frames in 60 s (close code 4008) and discord.py paces its own sends to 110 a window, heartbeats aside; under
a burst (a hundred servers asking at once) discord.py's limiter made the joins past the 110th wait ~60 s inside
`channel.connect()`, whose timeout was already running: "I could not join in time" for songs nobody refused.

`JoinQueue.run` waits for the guild's turn (first come, first served), THEN calls the join: the caller's join
timeout starts when the join is actually sent. At most `per_window` joins go out in any `window` seconds
(a sliding window, so no alignment of Discord's or discord.py's windows can see more), and none while
discord.py's own limiter would hold it (`held`: `Client.is_ws_ratelimited`; its window also counts the
identify, presence updates and leaves). Leaves wait their turn here too (`DiscordVoiceGateway.disconnect`);
a send made outside the queue can be counted with `spend`. The default,
108, leaves discord.py's 110-a-window room for an identify or a resume, so a join we let go is not held by
discord.py after its timeout started (the `held` check alone cannot see joins let go but not yet sent). At most
`in_flight` joins are under way at once.

Who waits can be told at once: `notify_waits(callback)` around a request makes a join of that task that has to
wait call `callback(ahead, seconds)` first (the number of joins before it, and about how long).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

PER_WINDOW = 108
WINDOW = 60.0
HELD_RETRY = 0.25  # seconds between looks at discord.py's limiter while it holds sends
# Joins under way at once: each is a TLS websocket handshake and more on the bot's loop; a hundred at once on a
# busy machine took longer than the join timeout for some (bench/play_burst.py, 200 servers).
IN_FLIGHT = 16
NOTICE_AFTER = 1.0  # seconds: a wait shorter than this is not worth a message

WaitNotice = Callable[[int, float], None]
_notice: ContextVar[WaitNotice | None] = ContextVar("join_wait_notice", default=None)


@contextlib.contextmanager
def notify_waits(callback: WaitNotice) -> Iterator[None]:
    """Joins made by this task (and what it awaits) that must wait call `callback(ahead, seconds)` first.
    The callback must not block: it is called on the event loop before the wait."""
    token = _notice.set(callback)
    try:
        yield
    finally:
        _notice.reset(token)


class JoinQueue:
    def __init__(
        self,
        *,
        per_window: int = PER_WINDOW,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        held: Callable[[], bool] = lambda: False,
        in_flight: int = IN_FLIGHT,
    ) -> None:
        if per_window < 1 or window <= 0:
            raise ValueError("a join queue needs at least one join per window and a positive window")
        self.per_window, self.window = per_window, window
        self._clock, self._sleep, self._held = clock, sleep, held
        self._sent: deque[float] = deque()  # when the sends of the current window went out, oldest first
        self._turn = asyncio.Lock()  # its waiters are served in order
        self._running = asyncio.Semaphore(in_flight)
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Joins waiting for their turn now."""
        return self._waiting

    async def run(self, join: Callable[[], Awaitable[T]]) -> T:
        """Wait for a turn in order (at most `in_flight` joins under way), count the send, then `join()`."""
        ahead = self._waiting
        self._waiting += 1
        try:
            eta = self.estimate(ahead)
            notice = _notice.get()
            if notice is not None and eta >= NOTICE_AFTER:
                notice(ahead, eta)
            await self._running.acquire()
        except BaseException:
            self._waiting -= 1
            raise
        try:
            try:
                async with self._turn:
                    while (delay := self._delay()) > 0:
                        await self._sleep(delay)
                    self._sent.append(self._clock())
            finally:
                self._waiting -= 1
            return await join()
        finally:
            self._running.release()

    def spend(self) -> None:
        """A send made outside the queue: later joins leave room for it."""
        self._forget_old()
        self._sent.append(self._clock())

    def estimate(self, ahead: int) -> float:
        """Seconds until a join with `ahead` joins before it may be sent, if nothing else is sent meanwhile."""
        self._forget_old()
        now = self._clock()
        grants: list[float] = []  # when each of the next joins gets its turn
        sent = list(self._sent)
        for number in range(ahead + 1):
            free = self.per_window - len(sent)
            if number < free:
                grants.append(now)
                continue
            index = number - free
            # The slot of the index-th send still in the window, else of a grant made meanwhile.
            earlier = sent[index] if index < len(sent) else grants[index - len(sent)]
            grants.append(max(now, earlier + self.window))
        return max(0.0, grants[-1] - now)

    def _delay(self) -> float:
        self._forget_old()
        if len(self._sent) < self.per_window:
            return HELD_RETRY if self._held() else 0.0
        return max(self._sent[0] + self.window - self._clock(), 1e-3)

    def _forget_old(self) -> None:
        horizon = self._clock() - self.window
        while self._sent and self._sent[0] <= horizon:
            self._sent.popleft()


class JoinQueues:
    """One `JoinQueue` per gateway connection: a guild's shard is `(guild_id >> 22) % shard_count`."""

    def __init__(self, *, per_window: int = PER_WINDOW, window: float = WINDOW) -> None:
        self._per_window, self._window = per_window, window
        self._queues: dict[int, JoinQueue] = {}

    def of(self, guild_id: int, shard_count: int | None, held: Callable[[], bool] = lambda: False) -> JoinQueue:
        shard = (guild_id >> 22) % max(shard_count or 1, 1)
        queue = self._queues.get(shard)
        if queue is None:
            queue = JoinQueue(per_window=self._per_window, window=self._window, held=held)
            self._queues[shard] = queue
        return queue


def describe_wait(ahead: int, seconds: float) -> str:
    """ "37 servers ahead, about 20 s" as people read it."""
    servers = "next in line" if ahead == 0 else "1 server ahead" if ahead == 1 else f"{ahead} servers ahead"
    rounded = max(1, math.ceil(seconds / 5) * 5) if seconds >= 10 else max(1, math.ceil(seconds))
    when = f"about {rounded} s" if rounded < 90 else f"about {math.ceil(seconds / 60)} min"
    return f"{servers}, {when}"
