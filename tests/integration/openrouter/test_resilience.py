"""The OpenRouter adapter over real HTTP against the local fake: retries, waits, refusals, the breaker, fallback."""

from __future__ import annotations

import time
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest

from musicbot.adapters.openrouter import OpenRouterIntentExtractor, build_intent_extractor
from musicbot.application.recommendation.errors import IntentUnavailable
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.support.resilience.circuit_breaker import BreakerState
from tests.fakes.clock import ManualClock
from tests.integration.openrouter.conftest import MODEL, PROMPT, Make
from tests.support.openrouter_fake import OpenRouterFake, Sleeps


# --- retries, waits, refusals -----------------------------------------------------------------------------------
async def test_429_is_retried_after_the_seconds_retry_after_says(
    make: Make, fake: OpenRouterFake, sleeps: Sleeps
) -> None:
    fake.fail_next(429, retry_after=2)
    extractor = make()

    assert await extractor.extract(PROMPT) == parse_intent(PROMPT)
    assert sleeps.delays == [2.0] and len(fake.requests) == 2 and extractor.retries == 1


async def test_retry_after_may_be_an_http_date(
    make: Make, fake: OpenRouterFake, sleeps: Sleeps, clock: ManualClock
) -> None:
    fake.fail_next(503, retry_after=format_datetime(clock.now() + timedelta(seconds=3), usegmt=True))

    await make().extract(PROMPT)

    assert sleeps.delays == [3.0]


async def test_a_wait_beyond_the_cap_is_not_waited_and_nothing_is_sent_until_then(
    make: Make, fake: OpenRouterFake, sleeps: Sleeps, clock: ManualClock
) -> None:
    fake.fail_next(429, retry_after=120)
    extractor = make(max_retry_after=5.0)

    with pytest.raises(IntentUnavailable, match="429"):
        await extractor.extract(PROMPT)
    with pytest.raises(IntentUnavailable, match="wait"):
        await extractor.extract(PROMPT)

    assert sleeps.delays == [] and len(fake.requests) == 1
    clock.advance(121)
    assert await extractor.extract(PROMPT) == parse_intent(PROMPT)


async def test_server_errors_are_retried_with_backoff_then_given_up(
    make: Make, fake: OpenRouterFake, sleeps: Sleeps
) -> None:
    fake.fail_next(500, times=3)
    extractor = make(max_attempts=3)

    with pytest.raises(IntentUnavailable, match="HTTP 500") as failure:
        await extractor.extract(PROMPT)

    assert failure.value.transient
    assert len(fake.requests) == 3
    assert sleeps.delays == [0.125, 0.25]  # full jitter at 0.5 of 0.25 s, then of 0.5 s


async def test_a_wrong_key_is_refused_at_once(make: Make, fake: OpenRouterFake) -> None:
    with pytest.raises(IntentUnavailable, match="refused the API key") as failure:
        await make(api_key="sk-or-wrong").extract(PROMPT)

    assert not failure.value.transient and len(fake.requests) == 1


async def test_a_slow_service_is_given_up_on_in_time(make: Make, fake: OpenRouterFake) -> None:
    fake.delay = 2.0
    extractor = make(timeout=0.3, request_timeout=0.2, max_attempts=2)
    started = time.perf_counter()

    with pytest.raises(IntentUnavailable) as failure:
        await extractor.extract(PROMPT)

    assert time.perf_counter() - started < 1.0
    assert failure.value.transient


async def test_an_unreachable_service_is_a_transient_error(clock: ManualClock, sleeps: Sleeps) -> None:
    with OpenRouterFake() as gone:
        base_url = gone.base_url
    extractor = OpenRouterIntentExtractor(
        api_key="k", model=MODEL, clock=clock, base_url=base_url, max_attempts=2, sleep=sleeps
    )
    try:
        with pytest.raises(IntentUnavailable, match="could not reach") as failure:
            await extractor.extract(PROMPT)
        assert failure.value.transient and len(sleeps.delays) == 1
    finally:
        await extractor.aclose()


async def test_the_circuit_breaker_stops_calling_a_failing_service_then_tries_again(
    make: Make, fake: OpenRouterFake, clock: ManualClock
) -> None:
    extractor = make(max_attempts=1, breaker_threshold=2, breaker_reset_after=30.0)
    fake.fail_next(500, times=2)
    for _ in range(2):
        with pytest.raises(IntentUnavailable):
            await extractor.extract(PROMPT)

    with pytest.raises(IntentUnavailable, match="failing right now"):
        await extractor.extract(PROMPT)
    assert len(fake.requests) == 2 and extractor.breaker.state is BreakerState.OPEN

    clock.advance(30)
    assert await extractor.extract(PROMPT) == parse_intent(PROMPT)
    assert extractor.breaker.state.value == BreakerState.CLOSED.value


# --- the composite the settings build ---------------------------------------------------------------------------
async def test_with_a_key_the_ai_answers_and_when_it_fails_the_lexicon_does(
    fake: OpenRouterFake, clock: ManualClock
) -> None:
    async with httpx.AsyncClient() as client:
        extractor = build_intent_extractor(
            api_key=fake.api_key, model=MODEL, clock=clock, base_url=fake.base_url, max_attempts=1, client=client
        )
        fake.content = {"genres": ["jazz"]}
        assert (await extractor.extract_with_origin(PROMPT)).used_ai
        fake.garble_next()
        fallback = await extractor.extract_with_origin(PROMPT)

    assert (fallback.intent, fallback.used_ai) == (parse_intent(PROMPT), False)
    assert (extractor.ai_calls, extractor.fallbacks, extractor.failures) == (2, 1, 1)


@pytest.mark.parametrize("key", [None, "", "   "])
async def test_without_a_key_nothing_is_ever_sent(fake: OpenRouterFake, clock: ManualClock, key: str | None) -> None:
    extractor = build_intent_extractor(api_key=key, model=MODEL, clock=clock, base_url=fake.base_url)

    extraction = await extractor.extract_with_origin(PROMPT)

    assert not extractor.has_ai and not extraction.used_ai and fake.requests == []
