import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.support.resilience.errors import SourceUnavailable, is_transient
from musicbot.application.support.resilience.retry import Jitter, RetryPolicy
from tests.unit.application.resilience.doubles import RecordingSleep


class Flaky:
    """Fails with `error` the first `failures` times, then answers."""

    def __init__(self, failures: int, error: Exception | None = None) -> None:
        self.failures = failures
        self.error = error or TrackUnavailable("timed out", transient=True)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "ok"


def policy(sleep: RecordingSleep, **options: object) -> RetryPolicy:
    settings: dict[str, object] = {"max_attempts": 4, "base_delay": 1.0, "max_delay": 3.0, "jitter": "none"}
    settings.update(options)
    return RetryPolicy(**settings, sleep=sleep)  # type: ignore[arg-type]


def test_backoff_grows_by_the_multiplier_up_to_the_cap() -> None:
    retry = RetryPolicy(max_attempts=6, base_delay=0.5, max_delay=3.0, multiplier=2, jitter="none")
    assert retry.delays() == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert retry.backoff(10_000) == 3.0  # no overflow however far


@given(seed=st.integers(), jitter=st.sampled_from(["full", "equal"]))
def test_jittered_delays_stay_within_their_bounds(seed: int, jitter: Jitter) -> None:
    retry = RetryPolicy(
        max_attempts=8,
        base_delay=0.5,
        max_delay=4.0,
        jitter=jitter,
        random=random.Random(seed).random,
    )
    for retry_number, delay in enumerate(retry.delays(), start=1):
        cap = retry.backoff(retry_number)
        assert (cap / 2 if jitter == "equal" else 0) <= delay <= cap


def test_full_jitter_scales_the_cap_by_the_random_source() -> None:
    retry = RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=10.0, random=lambda: 0.25)
    assert retry.delays() == [0.25, 0.5, 1.0]


async def test_a_transient_failure_is_retried_after_growing_capped_waits() -> None:
    sleep = RecordingSleep()
    operation = Flaky(failures=3)
    seen: list[tuple[int, float]] = []

    result = await policy(sleep).run(operation, on_retry=lambda n, _error, delay: seen.append((n, delay)))

    assert result == "ok"
    assert operation.calls == 4
    assert sleep.delays == [1.0, 2.0, 3.0]
    assert seen == [(1, 1.0), (2, 2.0), (3, 3.0)]


async def test_the_last_error_is_raised_when_every_attempt_fails() -> None:
    sleep = RecordingSleep()
    operation = Flaky(failures=10)

    with pytest.raises(TrackUnavailable):
        await policy(sleep, max_attempts=3).run(operation)
    assert operation.calls == 3
    assert len(sleep.delays) == 2


@pytest.mark.parametrize(
    "error",
    [
        TrackUnavailable("private video"),
        NoResults("asdfgh"),
        SourceUnavailable("youtube", 10),
        ValueError("a bug"),
    ],
)
async def test_what_may_not_pass_is_not_retried(error: Exception) -> None:
    sleep = RecordingSleep()
    operation = Flaky(failures=1, error=error)

    with pytest.raises(type(error)):
        await policy(sleep).run(operation)
    assert operation.calls == 1
    assert sleep.delays == []


async def test_a_single_attempt_policy_never_waits() -> None:
    sleep = RecordingSleep()
    with pytest.raises(TrackUnavailable):
        await policy(sleep, max_attempts=1).run(Flaky(failures=1))
    assert sleep.delays == []


def test_is_transient() -> None:
    assert is_transient(TrackUnavailable("timeout", transient=True))
    assert not is_transient(TrackUnavailable("private"))
    assert not is_transient(SourceUnavailable("youtube", 3))
    assert not is_transient(RuntimeError())


@pytest.mark.parametrize(
    "options",
    [
        {"max_attempts": 0},
        {"base_delay": -1},
        {"base_delay": 5, "max_delay": 1},
        {"multiplier": 0.5},
        {"jitter": "decorrelated"},
    ],
)
def test_refuses_nonsense(options: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**options)  # type: ignore[arg-type]
