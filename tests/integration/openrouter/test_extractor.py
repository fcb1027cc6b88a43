"""The OpenRouter adapter over real HTTP against the local fake: what it sends, and every answer it may get."""

from __future__ import annotations

import json
from typing import Any

import pytest

from musicbot.adapters.openrouter.schema import INTENT_SCHEMA, SCHEMA_NAME
from musicbot.application.recommendation.errors import IntentUnavailable
from musicbot.application.recommendation.intent import EraRange, MusicIntent
from musicbot.application.recommendation.offline import parse_intent
from tests.integration.openrouter.conftest import MODEL, PROMPT, Make
from tests.support.openrouter_fake import OpenRouterFake


# --- what is sent and what comes back ---------------------------------------------------------------------------
async def test_a_request_is_read_into_an_intent(make: Make, fake: OpenRouterFake) -> None:
    intent = await make().extract(PROMPT)

    assert intent == parse_intent(PROMPT)  # the fake's "model" is the lexicon
    assert len(fake.requests) == 1


async def test_the_request_carries_the_key_the_model_the_prompt_and_a_strict_schema(
    make: Make, fake: OpenRouterFake
) -> None:
    await make().extract(PROMPT)

    request = fake.requests[0]
    assert request.path == "/api/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {fake.api_key}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-title"] == "musicbot"
    body = request.body
    assert body["model"] == MODEL
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == PROMPT
    assert body["provider"] == {"require_parameters": True}
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == SCHEMA_NAME
    assert response_format["json_schema"]["strict"] is True
    assert response_format["json_schema"]["schema"] == json.loads(json.dumps(INTENT_SCHEMA))


def test_the_schema_is_valid_for_strict_mode() -> None:
    """Strict structured outputs want every property required and no others allowed, at every level."""

    def check(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node["additionalProperties"] is False
                assert set(node["required"]) == set(node["properties"])
            for value in node.values():
                check(value)
        elif isinstance(node, list):
            for value in node:
                check(value)

    check(INTENT_SCHEMA)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('```json\n{"genres": ["Hip-Hop"]}\n```', MusicIntent(genres=("hip hop",))),
        ({"genres": ["RnB", "lofi"], "language": "French"}, MusicIntent(genres=("r&b", "lo-fi"), language="fr")),
        ({"eras": [{"start": 1990, "end": 1999}], "count": None}, MusicIntent(eras=(EraRange(1990, 1999),))),
        (
            {"seed_tracks": [{"title": " Hey  Jude ", "artist": None}], "seed_artists": ["The Beatles", "the beatles"]},
            parse_intent('"Hey Jude" songs like The Beatles'),
        ),
        (  # what is left out is carried, in the lexicon's words, and wins over the same term wanted
            {
                "genres": ["Rock", "Metal"],
                "excluded_genres": ["Heavy Metal"],
                "excluded_moods": ["Slow"],
                "excluded_artists": ["Drake", "drake"],
                "instrumental": True,
            },
            MusicIntent(
                genres=("rock",),
                excluded_genres=("metal",),
                excluded_moods=("chill",),
                excluded_artists=("Drake",),
                instrumental=True,
            ),
        ),
    ],
)
async def test_answers_are_forgiven_their_spelling(
    make: Make, fake: OpenRouterFake, content: Any, expected: MusicIntent
) -> None:
    fake.content = content
    assert await make().extract("anything") == expected


@pytest.mark.parametrize(
    "content",
    [
        "Sure! Here is some chill music for you.",
        {"genres": "rock"},
        {"energy": 3},
        {"energy": True},
        {"count": 0},
        {"count": 2.5},
        {"eras": [{"start": 1999, "end": 1990}]},
        {"seed_tracks": [{"artist": "x"}]},
        {"language": 12},
        {"instrumental": "yes"},
        {"excluded_genres": "metal"},
        ["rock"],
    ],
)
async def test_unusable_answers_are_an_error_not_a_crash(make: Make, fake: OpenRouterFake, content: Any) -> None:
    fake.content = content
    with pytest.raises(IntentUnavailable, match="unusable"):
        await make().extract(PROMPT)


async def test_malformed_json_content_is_an_error(make: Make, fake: OpenRouterFake) -> None:
    fake.garble_next()
    with pytest.raises(IntentUnavailable, match="not JSON"):
        await make().extract(PROMPT)
    assert len(fake.requests) == 1  # the service answered: asking again would give the same


async def test_schema_violating_content_is_an_error(make: Make, fake: OpenRouterFake) -> None:
    fake.violate_schema_next()
    with pytest.raises(IntentUnavailable, match="unusable"):
        await make().extract(PROMPT)


async def test_an_answer_without_choices_is_an_error(make: Make, fake: OpenRouterFake) -> None:
    fake.no_choices_next()
    with pytest.raises(IntentUnavailable, match="no choices"):
        await make().extract(PROMPT)
