"""Voice joins of one gateway connection, in order, paced to Discord's gateway send limit.

Every voice join, move or leave is one gateway send (op 4). Discord closes a connection that sends more than
120 frames in 60 s (close code 4008) and discord.py paces its own sends to 110 a window, heartbeats aside; under
a burst (a hundred servers asking at once) discord.py's limiter made the joins past the 110th wait ~60 s inside
`channel.connect()`, whose timeout was already running: "I could not join in time" for songs nobody refused.

`JoinQueue.run` waits for the guild's turn (first come, first served), THEN calls the join: the caller's join
timeout starts when the join is actually sent. At most `per_window` sends go out in any `window` seconds (a
sliding window, so no alignment of Discord's or discord.py's windows can see more). The window holds EVERY send
of the connection, not only the joins: `spend` is called for each frame discord.py's limiter lets go
(`sends.meter_gateway_sends`: the identify, discord.py's own leave after a join attempt timed out, its voice
reconnects, presence updates). Counting the joins alone, those sends had discord.py's limiter hold joins the queue
had let go ("ratelimited, waiting 8-27 s", nine times in one 200-server burst) past their timeout. A turn is
counted when granted, and the first send made in that turn (found by a context variable, which the tasks
discord.py starts inside the join inherit) takes its place, so a join is counted once. None goes while
discord.py's own limiter would hold it (`held`: `Client.is_ws_ratelimited`). Each join attempt (a retry too) and
each leave takes a turn of its own. The default, 108, leaves discord.py's 110-a-window room for a send made
between a turn and its join, and for an identify or resume made before the meter sees the new connection. At
most `in_flight` joins are under way at once.

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


class _Turn:
    """A granted turn: its stamp stands for the first send made in it until that send happens."""

    __slots__ = ("queue", "sent", "stamp")

    def __init__(self, queue: JoinQueue, stamp: float) -> None:
        self.queue, self.stamp, self.sent = queue, stamp, False


_turn: ContextVar[_Turn | None] = ContextVar("join_turn", default=None)


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
                    turn = _Turn(self, self._clock())
                    self._sent.append(turn.stamp)
            finally:
                self._waiting -= 1
            token = _turn.set(turn)
            try:
                return await join()
            finally:
                _turn.reset(token)
        finally:
            self._running.release()

    def spend(self) -> None:
        """A frame was sent on the connection (called for every one): later turns leave room for it. The first
        send made in a turn is the one its grant already counted: it moves the turn's stamp to now."""
        self._forget_old()
        turn = _turn.get()
        if turn is not None and turn.queue is self and not turn.sent:
            turn.sent = True
            with contextlib.suppress(ValueError):  # already out of the window: nothing to move
                self._sent.remove(turn.stamp)
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
        return self.of_shard((guild_id >> 22) % max(shard_count or 1, 1), held)

    def of_shard(self, shard: int, held: Callable[[], bool] = lambda: False) -> JoinQueue:
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
