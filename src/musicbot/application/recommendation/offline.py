"""`LexiconIntentExtractor`: understands requests with the lexicon and a few patterns; no network, no model.

Deterministic and pure: the same words always give the same intent. It is what answers when no AI service is
configured, and what the AI service falls back to.
"""

from __future__ import annotations

from statistics import fmean

from musicbot.application.recommendation.intent import (
    DEFAULT_COUNT,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    EraRange,
    MusicIntent,
)
from musicbot.application.recommendation.phrases import read_count, read_eras, read_seeds
from musicbot.application.recommendation.text import INDEX, Match, tokens

MAX_PROMPT = 1000  # characters read; a longer message is not a music request anyway


def parse_intent(prompt: str) -> MusicIntent:
    seeds = read_seeds(prompt[:MAX_PROMPT])
    count, rest = read_count(seeds.rest)
    eras, rest = read_eras(rest)
    words = tokens(rest)
    matches, left = INDEX.match(words)

    def named(kind: str) -> tuple[str, ...]:
        return _first(match.entry.name for match in matches if match.entry.kind == kind)

    for match in matches:
        if match.entry.kind == "era" and match.entry.years is not None:
            era = EraRange(*match.entry.years)
            if era not in eras:
                eras.append(era)
    return MusicIntent(
        genres=named("genre"),
        moods=named("mood"),
        activities=named("activity"),
        eras=tuple(eras[:MAX_TERMS]),
        seed_artists=_first(seeds.artists),
        seed_tracks=tuple(dict.fromkeys(seeds.tracks))[:MAX_TERMS],
        energy=_energy(matches),
        language=_language(matches),
        count=count or DEFAULT_COUNT,
        keywords=_first(words[i] for i in left if _is_keyword(words[i])),
    )


class LexiconIntentExtractor:
    """The `IntentExtractor` that needs nothing: never raises for any text."""

    async def extract(self, prompt: str) -> MusicIntent:
        return parse_intent(prompt)


def _energy(matches: list[Match]) -> float | None:
    """The mean of the hints of moods and activities ("workout" is high, "sleep" low); genres only without them."""
    hints = [m.entry.term.energy for m in matches if m.entry.kind in ("mood", "activity") and m.entry.term]
    chosen = [hint for hint in hints if hint is not None]
    if not chosen:
        genre_hints = [m.entry.term.energy for m in matches if m.entry.kind == "genre" and m.entry.term]
        chosen = [hint for hint in genre_hints if hint is not None]
    return round(fmean(chosen), 3) if chosen else None


def _language(matches: list[Match]) -> str | None:
    """A language said outright ("french rap") wins over one a genre implies ("k-pop")."""
    for match in matches:
        if match.entry.kind == "language":
            return match.entry.name
    for match in matches:
        if match.entry.term is not None and match.entry.term.language:
            return match.entry.term.language
    return None


def _is_keyword(word: str) -> bool:
    return len(word) > 1 and not word.isdigit() and word != "&"


def _first(values: object) -> tuple[str, ...]:
    seen: list[str] = []
    for value in values:  # type: ignore[attr-defined]
        text = str(value)[:MAX_TERM_LENGTH]
        if text not in seen:
            seen.append(text)
    return tuple(seen[:MAX_TERMS])
