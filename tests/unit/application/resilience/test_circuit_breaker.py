import asyncio

import pytest

from musicbot.application.errors import InvalidQuery, NoResults, TrackUnavailable
from musicbot.application.support.resilience.circuit_breaker import BreakerState, CircuitBreaker, CircuitBreakers
from musicbot.application.support.resilience.errors import SourceUnavailable
from tests.fakes.clock import ManualClock

TIMEOUT = TrackUnavailable("timed out", transient=True)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def breaker(clock: ManualClock) -> CircuitBreaker:
    return CircuitBreaker("youtube", failure_threshold=3, reset_after=30, clock=clock)


class Source:
    def __init__(self) -> None:
        self.calls = 0
        self.error: BaseException | None = None
        self.gate: asyncio.Event | None = None

    async def __call__(self) -> str:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error
        return "ok"


def state(breaker: CircuitBreaker) -> BreakerState:
    """Read afresh each time (mypy would otherwise take an earlier assert as the state for good)."""
    return breaker.state


async def fail(breaker: CircuitBreaker, times: int, error: Exception = TIMEOUT) -> None:
    source = Source()
    source.error = error
    for _ in range(times):
        with pytest.raises(TrackUnavailable):
            await breaker.call(source)


async def test_opens_after_consecutive_transient_failures_and_fails_fast(breaker: CircuitBreaker) -> None:
    await fail(breaker, 2)
    assert state(breaker) is BreakerState.CLOSED
    await fail(breaker, 1)
    assert state(breaker) is BreakerState.OPEN

    source = Source()
    with pytest.raises(SourceUnavailable) as raised:
        await breaker.call(source)

    assert source.calls == 0
    assert raised.value.transient
    assert raised.value.reason == "youtube is failing right now; try again in 30 s"
    assert breaker.rejections == 1


async def test_a_success_resets_the_count(breaker: CircuitBreaker) -> None:
    await fail(breaker, 2)
    assert await breaker.call(Source()) == "ok"
    await fail(breaker, 2)

    assert state(breaker) is BreakerState.CLOSED
    assert breaker.consecutive_failures == 2


@pytest.mark.parametrize("error", [NoResults("x"), TrackUnavailable("private video")])
async def test_a_source_that_answers_no_is_not_failing(breaker: CircuitBreaker, error: Exception) -> None:
    await fail(breaker, 2)
    await fail(breaker, 5, error=error)

    assert state(breaker) is BreakerState.CLOSED
    assert breaker.consecutive_failures == 0


async def test_the_wait_told_counts_down(breaker: CircuitBreaker, clock: ManualClock) -> None:
    await fail(breaker, 3)
    clock.advance(20.5)

    with pytest.raises(SourceUnavailable, match="try again in 10 s"):
        breaker.acquire()
    assert breaker.retry_in() == pytest.approx(9.5)


async def test_half_open_lets_one_trial_through_and_its_success_closes(
    breaker: CircuitBreaker, clock: ManualClock
) -> None:
    await fail(breaker, 3)
    clock.advance(30)
    assert state(breaker) is BreakerState.HALF_OPEN

    trial = Source()
    trial.gate = asyncio.Event()
    running = asyncio.create_task(breaker.call(trial))
    await asyncio.sleep(0)
    with pytest.raises(SourceUnavailable, match="try again in 1 s"):
        await breaker.call(Source())  # only one trial at a time
    trial.gate.set()

    assert await running == "ok"
    assert state(breaker) is BreakerState.CLOSED
    assert await breaker.call(Source()) == "ok"


async def test_a_failed_trial_reopens_for_a_full_period(breaker: CircuitBreaker, clock: ManualClock) -> None:
    await fail(breaker, 3)
    clock.advance(31)

    await fail(breaker, 1)

    assert state(breaker) is BreakerState.OPEN
    assert breaker.retry_in() == 30
    clock.advance(30)
    assert state(breaker) is BreakerState.HALF_OPEN


@pytest.mark.parametrize("error", [asyncio.CancelledError(), InvalidQuery("bad")])
async def test_a_trial_without_a_verdict_frees_the_slot(
    breaker: CircuitBreaker, clock: ManualClock, error: BaseException
) -> None:
    await fail(breaker, 3)
    clock.advance(30)
    source = Source()
    source.error = error

    with pytest.raises(type(error)):
        await breaker.call(source)

    assert state(breaker) is BreakerState.HALF_OPEN
    assert await breaker.call(Source()) == "ok"


async def test_breakers_are_per_source_and_bounded(clock: ManualClock) -> None:
    breakers = CircuitBreakers(failure_threshold=1, reset_after=10, clock=clock, max_sources=2)
    await fail(breakers.get("youtube"), 1)

    assert breakers.get("youtube") is breakers.get("youtube")
    assert breakers.get("soundcloud").state is BreakerState.CLOSED
    assert breakers.states() == {"youtube": BreakerState.OPEN, "soundcloud": BreakerState.CLOSED}
    assert breakers.not_closed() == ["youtube"]

    breakers.get("youtube")  # now the most recently used
    breakers.get("http:example.com")

    assert len(breakers) == 2
    assert set(breakers.states()) == {"youtube", "http:example.com"}


@pytest.mark.parametrize(("threshold", "reset_after"), [(0, 10), (1, 0)])
def test_refuses_nonsense(clock: ManualClock, threshold: int, reset_after: float) -> None:
    with pytest.raises(ValueError):
        CircuitBreaker("x", failure_threshold=threshold, reset_after=reset_after, clock=clock)
    with pytest.raises(ValueError):
        CircuitBreakers(failure_threshold=threshold, reset_after=reset_after, clock=clock)
