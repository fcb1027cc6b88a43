"""`ShowUserStats` (/stats, for every member): their own use, and where they stand in the recommendation limit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from musicbot.application.history.ports import HistoryUnitOfWorkFactory
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.domain.ids import GuildId, UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class RateStanding:
    asked: int  # recommendations asked since the bot started
    used: int  # of the limit's window, requests counted now
    limit: int
    window_seconds: float
    retry_after_seconds: float  # 0: may ask now


class RecommendationQuota(Protocol):
    def standing(self, user_id: UserId) -> RateStanding: ...


class LimiterQuota:
    """A member's standing in the recommendation rate limiter."""

    def __init__(self, limiter: SlidingWindowRateLimiter) -> None:
        self._limiter = limiter

    def standing(self, user_id: UserId) -> RateStanding:
        limiter = self._limiter
        return RateStanding(
            asked=limiter.asked(user_id),
            used=limiter.used(user_id),
            limit=limiter.limit,
            window_seconds=limiter.window,
            retry_after_seconds=limiter.retry_after(user_id),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class UserStats:
    songs_here: int | None  # songs this member asked for in this server (None: storage unavailable)
    songs_everywhere: int | None
    recommendations: RateStanding | None  # None: recommendations are off


class ShowUserStats:
    def __init__(
        self,
        uow_factory: HistoryUnitOfWorkFactory,
        *,
        quota: RecommendationQuota | None,
        storage_available: Callable[[], bool],
    ) -> None:
        self._uow_factory = uow_factory
        self._quota = quota
        self._available = storage_available

    async def execute(self, user_id: UserId, guild_id: GuildId | None) -> UserStats:
        here = everywhere = None
        if self._available():
            async with self._uow_factory() as uow:
                everywhere = await uow.history.count_by_user(user_id)
                if guild_id is not None:
                    here = await uow.history.count_by_user(user_id, guild_id=guild_id)
        standing = self._quota.standing(user_id) if self._quota is not None else None
        return UserStats(songs_here=here, songs_everywhere=everywhere, recommendations=standing)
