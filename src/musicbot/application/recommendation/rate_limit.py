"""`SlidingWindowRateLimiter`: how often one user may ask, over a long window and a short (burst) one."""

from __future__ import annotations

import logging
from collections import Counter, OrderedDict, deque
from collections.abc import Hashable
from datetime import datetime, timedelta

from musicbot.application.recommendation.errors import RateLimited
from musicbot.application.scale.ports import SharedRateWindow, SharedStoreUnavailable
from musicbot.application.support.clock import Clock

logger = logging.getLogger(__name__)


class SlidingWindowRateLimiter:
    """A user may make `limit` requests in any `window` seconds, at most `burst` of them within any `burst_window`
    seconds: a few at once are fine, a steady stream is paced. Exact (a log of each user's last requests),
    O(burst) per call; users idle for a whole window are forgotten as others come, so memory follows activity.

    With `shared` (Redis), `admit` counts in the shared window, so a member's limit holds across processes; when
    the store cannot be reached it limits in this process alone (one warning) until the store answers again.
    """

    def __init__(
        self,
        *,
        limit: int,
        window: float,
        burst: int,
        burst_window: float,
        clock: Clock,
        shared: SharedRateWindow | None = None,
    ) -> None:
        if limit < 1 or burst < 1 or burst > limit:
            raise ValueError(f"need 1 <= burst <= limit ({burst}, {limit})")
        if not 0 < burst_window <= window:
            raise ValueError(f"need 0 < burst_window <= window ({burst_window}, {window})")
        self._limit = limit
        self._window = timedelta(seconds=window)
        self._burst = burst
        self._burst_window = timedelta(seconds=burst_window)
        self._clock = clock
        self._shared = shared
        self._alone = False  # the shared store failed: limiting here alone
        self._users: OrderedDict[Hashable, deque[datetime]] = OrderedDict()
        self.refused = 0
        self._asked: Counter[Hashable] = Counter()  # accepted requests since start, by user (/stats)

    def __len__(self) -> int:
        """Users remembered now."""
        return len(self._users)

    def retry_after(self, user: Hashable) -> float:
        """Seconds until `user` may ask again (0: now)."""
        return self._wait(self._log(user, self._clock.now()), self._clock.now())

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def window(self) -> float:
        return self._window.total_seconds()

    def asked(self, user: Hashable) -> int:
        """Requests of `user` accepted since start."""
        return self._asked[user]

    def used(self, user: Hashable) -> int:
        """Requests of `user` inside the window now."""
        return len(self._log(user, self._clock.now()))

    def acquire(self, user: Hashable) -> None:
        """Count a request of `user`, or raise `RateLimited` with the seconds until one would be accepted."""
        now = self._clock.now()
        self._forget_idle(now)
        log = self._log(user, now)
        wait = self._wait(log, now)
        if wait > 0:
            self.refused += 1
            raise RateLimited(wait)
        self._note(user, now)

    async def admit(self, user: Hashable) -> None:
        """`acquire`, counted in the shared window when there is one."""
        if self._shared is None:
            self.acquire(user)
            return
        try:
            wait = await self._shared.hit(
                str(user),
                limit=self._limit,
                window=self._window.total_seconds(),
                burst=self._burst,
                burst_window=self._burst_window.total_seconds(),
            )
        except SharedStoreUnavailable as error:
            if not self._alone:
                self._alone = True
                logger.warning("shared rate limits unavailable (%s): limiting in this process alone for now", error)
            self.acquire(user)
            return
        if self._alone:
            self._alone = False
            logger.warning("shared rate limits are back")
        if wait > 0:
            self.refused += 1
            raise RateLimited(wait)
        self._note(user, self._clock.now())

    def _note(self, user: Hashable, now: datetime) -> None:
        self._forget_idle(now)
        log = self._log(user, now)
        log.append(now)
        self._asked[user] += 1
        self._users[user] = log
        self._users.move_to_end(user)

    def forget(self, user: Hashable) -> bool:
        """Drop all that is remembered of `user` (/forgetme); True when there was something."""
        known = self._users.pop(user, None) is not None
        return self._asked.pop(user, 0) > 0 or known

    def _log(self, user: Hashable, now: datetime) -> deque[datetime]:
        log = self._users.get(user) or deque(maxlen=self._limit)
        while log and log[0] <= now - self._window:
            log.popleft()
        return log

    def _wait(self, log: deque[datetime], now: datetime) -> float:
        waits = [0.0]
        if len(log) >= self._limit:
            waits.append((log[0] + self._window - now).total_seconds())
        if len(log) >= self._burst:
            waits.append((log[-self._burst] + self._burst_window - now).total_seconds())
        return max(waits)

    def _forget_idle(self, now: datetime) -> None:
        # Users are kept least recently active first: stop at the first one still inside its window.
        while self._users:
            user, log = next(iter(self._users.items()))
            if log and log[-1] > now - self._window:
                return
            del self._users[user]
