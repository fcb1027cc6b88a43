"""The per-user rate limiter, on a clock that moves only when the test moves it."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.errors import RateLimited
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from tests.fakes.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def limiter(clock: ManualClock) -> SlidingWindowRateLimiter:
    return SlidingWindowRateLimiter(limit=5, window=60, burst=3, burst_window=10, clock=clock)


def test_a_burst_is_allowed_then_says_when_to_come_back(limiter: SlidingWindowRateLimiter, clock: ManualClock) -> None:
    for _ in range(3):
        limiter.acquire("alice")
        clock.advance(1)

    with pytest.raises(RateLimited) as refused:
        limiter.acquire("alice")

    assert refused.value.retry_after_seconds == pytest.approx(7.0)  # the first of the burst leaves at t=10
    assert "7 s" in str(refused.value)
    clock.advance(7)
    limiter.acquire("alice")


def test_the_long_window_paces_a_steady_stream(limiter: SlidingWindowRateLimiter, clock: ManualClock) -> None:
    for _ in range(5):
        limiter.acquire("alice")
        clock.advance(11)  # never a burst

    # t=55: five requests in the last minute (t=0..44)
    assert limiter.retry_after("alice") == pytest.approx(5.0)
    with pytest.raises(RateLimited):
        limiter.acquire("alice")
    clock.advance(5)
    limiter.acquire("alice")


def test_users_are_limited_separately_and_refusals_are_counted(limiter: SlidingWindowRateLimiter) -> None:
    for _ in range(3):
        limiter.acquire("alice")
    with pytest.raises(RateLimited):
        limiter.acquire("alice")

    limiter.acquire("bob")

    assert limiter.refused == 1


def test_a_refused_request_does_not_count(limiter: SlidingWindowRateLimiter, clock: ManualClock) -> None:
    for _ in range(3):
        limiter.acquire("alice")
    for _ in range(10):
        with pytest.raises(RateLimited):
            limiter.acquire("alice")

    clock.advance(10)
    limiter.acquire("alice")


def test_idle_users_are_forgotten(limiter: SlidingWindowRateLimiter, clock: ManualClock) -> None:
    for user in range(100):
        limiter.acquire(user)
    clock.advance(61)

    limiter.acquire("someone new")

    assert len(limiter) == 1


@pytest.mark.parametrize(
    "options",
    [
        {"limit": 2, "burst": 3},
        {"limit": 0, "burst": 0},
        {"window": 10, "burst_window": 20},
        {"burst_window": 0},
    ],
)
def test_limits_must_make_sense(clock: ManualClock, options: dict[str, float]) -> None:
    values = {"limit": 5, "window": 60.0, "burst": 3, "burst_window": 10.0, **options}
    with pytest.raises(ValueError):
        SlidingWindowRateLimiter(clock=clock, **values)  # type: ignore[arg-type]
