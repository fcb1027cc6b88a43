"""OpenRouter's answer -> a `MusicIntent`, trusting nothing: any surprise is an `IntentUnavailable`.

Models sometimes wrap JSON in a code fence even in strict mode, call a language by its name, or write "Hip-Hop":
those are forgiven. Wrong types, values out of range and missing parts are not.
"""

from __future__ import annotations

import json
import re
from typing import Any

from musicbot.application.recommendation.errors import IntentUnavailable, InvalidIntent
from musicbot.application.recommendation.intent import (
    DEFAULT_COUNT,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    EraRange,
    MusicIntent,
    SeedTrack,
)
from musicbot.application.recommendation.lexicon import LANGUAGES
from musicbot.application.recommendation.text import INDEX, fold, tokens

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)
_CANONICAL: dict[tuple[str, str], str] = {
    (entry.kind, " ".join(phrase)): entry.name for phrase, entry in INDEX.phrases().items()
}


def intent_from_body(body: object) -> MusicIntent:
    """The intent in a chat completion's `choices[0].message.content`."""
    if not isinstance(body, dict):
        raise _bad("the answer is not a JSON object")
    if "error" in body:
        raise IntentUnavailable(f"OpenRouter reported an error: {str(body['error'])[:200]}", transient=True)
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise _bad("the answer has no choices")
    message = choices[0].get("message")
    if not isinstance(message, dict):
        raise _bad("the first choice has no message")
    if message.get("refusal"):
        raise _bad(f"the model refused: {str(message['refusal'])[:200]}")
    content = message.get("content")
    if isinstance(content, list):  # some providers give content parts
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    if not isinstance(content, str) or not content.strip():
        raise _bad("the message has no content")
    return intent_from_content(content)


def intent_from_content(content: str) -> MusicIntent:
    text = content.strip()
    fenced = _FENCE.match(text)
    try:
        data = json.loads(fenced.group(1) if fenced else text)
    except ValueError:
        raise _bad("the content is not JSON") from None
    if not isinstance(data, dict):
        raise _bad("the content is not a JSON object")
    try:
        excluded_genres = _terms(data, "excluded_genres", "genre")
        excluded_moods = _terms(data, "excluded_moods", "mood")
        return MusicIntent(
            genres=_without(_terms(data, "genres", "genre"), excluded_genres),
            moods=_without(_terms(data, "moods", "mood"), excluded_moods),
            activities=_terms(data, "activities", "activity"),
            eras=tuple(dict.fromkeys(_era(item) for item in _list(data, "eras")))[:MAX_TERMS],
            seed_artists=_names(_list(data, "seed_artists")),
            seed_tracks=tuple(dict.fromkeys(_seed_track(item) for item in _list(data, "seed_tracks")))[:MAX_TERMS],
            energy=_number(data.get("energy")),
            language=_language(data.get("language")),
            count=_count(data.get("count")),
            keywords=_terms(data, "keywords", None),
            excluded_genres=excluded_genres,
            excluded_moods=excluded_moods,
            excluded_artists=_names(_list(data, "excluded_artists")),
            instrumental=_flag(data.get("instrumental")),
        )
    except InvalidIntent as error:
        raise _bad(str(error)) from None


def _bad(reason: str) -> IntentUnavailable:
    return IntentUnavailable(f"OpenRouter's answer was unusable: {reason}")


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidIntent(f"{name} is not a list")
    return value


def _names(values: list[Any]) -> tuple[str, ...]:
    kept: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str):
            raise InvalidIntent(f"expected words, got {type(value).__name__}")
        text = " ".join(value.split())
        if text and len(text) <= MAX_TERM_LENGTH:
            kept.setdefault(text.casefold(), text)
    return tuple(kept.values())[:MAX_TERMS]


def _terms(data: dict[str, Any], name: str, kind: str | None) -> tuple[str, ...]:
    """Lower case, and the lexicon's own word when it knows the term ("Hip-Hop" -> "hip hop")."""
    words = (" ".join(tokens(term)) for term in _names(_list(data, name)))
    canonical = (_CANONICAL.get((kind, word), fold(word)) if kind else word for word in words if word)
    return tuple(dict.fromkeys(canonical))[:MAX_TERMS]


def _without(wanted: tuple[str, ...], excluded: tuple[str, ...]) -> tuple[str, ...]:
    """A model listing a term both as wanted and left out: left out wins (nothing excluded is ever picked)."""
    return tuple(term for term in wanted if term not in excluded)


def _flag(value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidIntent("instrumental is not true or false")
    return value


def _era(item: object) -> EraRange:
    if not isinstance(item, dict):
        raise InvalidIntent("an era is not an object")
    start, end = item.get("start"), item.get("end")
    if not _is_int(start) or not _is_int(end):
        raise InvalidIntent("an era's years are not integers")
    return EraRange(start, end)  # type: ignore[arg-type]


def _seed_track(item: object) -> SeedTrack:
    if not isinstance(item, dict) or not isinstance(item.get("title"), str):
        raise InvalidIntent("a seed track has no title")
    artist = item.get("artist")
    if artist is not None and not isinstance(artist, str):
        raise InvalidIntent("a seed track's artist is not text")
    return SeedTrack(" ".join(item["title"].split()), " ".join(artist.split()) or None if artist else None)


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidIntent("energy is not a number")
    return float(value)


def _language(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidIntent("language is not text")
    code = fold(value.strip())
    return LANGUAGES.get(code, code)


def _count(value: object) -> int:
    if value is None:
        return DEFAULT_COUNT
    if not _is_int(value):
        raise InvalidIntent("count is not an integer")
    return value  # type: ignore[return-value]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
