"""`FallbackIntentExtractor`: the AI when it answers, the lexicon whenever it does not."""

from __future__ import annotations

import asyncio

import pytest

from musicbot.application.recommendation.errors import IntentUnavailable
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.offline import LexiconIntentExtractor, parse_intent
from tests.unit.application.recommendation.doubles import ScriptedExtractor

PROMPT = "rock for my workout"
AI_INTENT = MusicIntent(genres=("hard rock",), activities=("workout",), energy=0.95)


@pytest.fixture
def ai() -> ScriptedExtractor:
    return ScriptedExtractor({PROMPT: AI_INTENT})


async def test_the_ai_answers_when_it_can(ai: ScriptedExtractor) -> None:
    extractor = FallbackIntentExtractor(ai, LexiconIntentExtractor())

    extraction = await extractor.extract_with_origin(PROMPT)

    assert (extraction.intent, extraction.used_ai) == (AI_INTENT, True)
    assert await extractor.extract(PROMPT) == AI_INTENT
    assert (extractor.ai_calls, extractor.fallbacks, extractor.failures) == (2, 0, 0)


@pytest.mark.parametrize("error", [IntentUnavailable("down", transient=True), RuntimeError("a bug"), ValueError()])
async def test_any_failure_of_the_ai_falls_back_to_the_lexicon(ai: ScriptedExtractor, error: Exception) -> None:
    ai.error = error
    extractor = FallbackIntentExtractor(ai, LexiconIntentExtractor())

    extraction = await extractor.extract_with_origin(PROMPT)

    assert (extraction.intent, extraction.used_ai) == (parse_intent(PROMPT), False)
    assert (extractor.ai_calls, extractor.fallbacks, extractor.failures) == (1, 1, 1)


async def test_an_ai_that_hangs_is_given_up_on(ai: ScriptedExtractor) -> None:
    ai.hang = True
    extractor = FallbackIntentExtractor(ai, LexiconIntentExtractor(), timeout=0.01)

    extraction = await extractor.extract_with_origin(PROMPT)

    assert not extraction.used_ai and extractor.failures == 1


async def test_an_empty_ai_answer_gives_way_to_what_the_lexicon_understood(ai: ScriptedExtractor) -> None:
    ai.answers[PROMPT] = MusicIntent()
    ai.answers["play something"] = MusicIntent()
    extractor = FallbackIntentExtractor(ai, LexiconIntentExtractor())

    assert (await extractor.extract_with_origin(PROMPT)).intent == parse_intent(PROMPT)
    assert (await extractor.extract_with_origin("play something")).used_ai  # neither understood anything: the AI's word
    assert (extractor.fallbacks, extractor.failures) == (1, 1)


async def test_without_an_ai_service_it_is_just_the_lexicon() -> None:
    extractor = FallbackIntentExtractor(None, LexiconIntentExtractor())

    extraction = await extractor.extract_with_origin(PROMPT)

    assert (extraction.intent, extraction.used_ai, extractor.has_ai) == (parse_intent(PROMPT), False, False)
    assert extractor.stats().ai_calls == 0 and extractor.stats().fallbacks == 0


async def test_a_cancelled_request_is_not_a_fallback(ai: ScriptedExtractor) -> None:
    ai.hang = True
    extractor = FallbackIntentExtractor(ai, LexiconIntentExtractor())
    task = asyncio.create_task(extractor.extract(PROMPT))
    await asyncio.sleep(0)

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert extractor.fallbacks == 0
