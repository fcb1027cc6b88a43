"""The OpenRouter adapter against a local fake of its API: one extractor factory shared by these tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from musicbot.adapters.openrouter import OpenRouterIntentExtractor
from tests.fakes.clock import ManualClock
from tests.support.openrouter_fake import OpenRouterFake, Sleeps

PROMPT = "something chill for studying, 90s hip hop vibes"
MODEL = "openai/gpt-4o-mini"
Make = Callable[..., OpenRouterIntentExtractor]


@pytest.fixture
def fake() -> Iterator[OpenRouterFake]:
    with OpenRouterFake() as server:
        yield server


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def make(fake: OpenRouterFake, clock: ManualClock, sleeps: Sleeps) -> AsyncIterator[Make]:
    made: list[OpenRouterIntentExtractor] = []

    def build(**options: Any) -> OpenRouterIntentExtractor:
        settings: dict[str, Any] = {
            "api_key": fake.api_key,
            "model": MODEL,
            "clock": clock,
            "base_url": fake.base_url,
            "timeout": 5.0,
            "request_timeout": 2.0,
            "sleep": sleeps,
            "random": lambda: 0.5,
        }
        extractor = OpenRouterIntentExtractor(**{**settings, **options})
        made.append(extractor)
        return extractor

    yield build
    for extractor in made:
        await extractor.aclose()


# --- what is sent and what comes back ---------------------------------------------------------------------------
