"""`LexiconIntentExtractor`: understands requests with the lexicon and a few patterns; no network, no model.

Deterministic and pure: the same words always give the same intent. It is what answers when no AI service is
configured, and what the AI service falls back to. The order matters: what is left out is read first (so
"rock but not metal" never wants metal), then names (so "more Daft Punk" is no punk), counts and eras, and the
lexicon reads what is left, in the request's own language(s).
"""

from __future__ import annotations

import re
from statistics import fmean

from musicbot.application.recommendation.eras import read_eras
from musicbot.application.recommendation.intent import (
    DEFAULT_COUNT,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    EnergyLevel,
    EraRange,
    MusicIntent,
)
from musicbot.application.recommendation.lexicon import ENERGY_MOODS
from musicbot.application.recommendation.negation import read_exclusions
from musicbot.application.recommendation.phrases import read_count, read_seeds
from musicbot.application.recommendation.text import INDEX, Match, tokens
from musicbot.application.recommendation.vocabulary import languages_of

MAX_PROMPT = 1000  # characters read; a longer message is not a music request anyway
_WITHOUT = re.compile(r"\bw/o(?:ut)?\b", re.IGNORECASE)
_SLOW, _FAST = frozenset({"chill", "calm"}), frozenset({"energetic", "angry"})


def parse_intent(prompt: str) -> MusicIntent:
    text = _WITHOUT.sub(" without ", prompt[:MAX_PROMPT])
    languages = languages_of(tokens(text))
    excluded = read_exclusions(text, languages)
    seeds = read_seeds(excluded.rest)
    count, rest = read_count(seeds.rest)
    eras, rest = read_eras(rest)
    words = tokens(rest)
    matches, left = INDEX.match(words, languages)

    def named(kind: str, leave_out: list[str]) -> tuple[str, ...]:
        return _first(m.entry.name for m in matches if m.entry.kind == kind and m.entry.name not in leave_out)

    for match in matches:
        if match.entry.kind == "era" and match.entry.years is not None:
            era = EraRange(*match.entry.years)
            if era not in eras:
                eras.append(era)
    excluded_genres = excluded.narrowed(excluded.genres, named("genre", []))
    excluded_moods = excluded.narrowed(excluded.moods, named("mood", []))
    wanted = [m for m in matches if m.entry.name not in (*excluded_genres, *excluded_moods)]
    return MusicIntent(
        genres=named("genre", excluded_genres),
        moods=named("mood", excluded_moods),
        activities=named("activity", []),
        eras=tuple(eras[:MAX_TERMS]),
        seed_artists=_first(a for a in seeds.artists if a.casefold() not in map(str.casefold, excluded.artists)),
        seed_tracks=tuple(dict.fromkeys(seeds.tracks))[:MAX_TERMS],
        energy=_bounded(_energy(wanted), excluded_moods),
        language=_language(wanted),
        count=count or DEFAULT_COUNT,
        keywords=_first(words[i] for i in left if _is_keyword(words[i])),
        excluded_genres=_first(excluded_genres),
        excluded_moods=_first(excluded_moods),
        excluded_artists=_first(excluded.artists),
        instrumental=excluded.instrumental or any(m.entry.kind == "instrumental" for m in matches),
    )


class LexiconIntentExtractor:
    """The `IntentExtractor` that needs nothing: never raises for any text."""

    async def extract(self, prompt: str) -> MusicIntent:
        return parse_intent(prompt)


def _energy(matches: list[Match]) -> float | None:
    """Energy words said outright ("chill", "high energy", "faster") decide; else the mean of the hints of moods
    and activities ("workout" is high, "sleep" low); genres only without them."""
    said = [
        m.entry.term.energy for m in matches if m.entry.kind == "mood" and m.entry.name in ENERGY_MOODS and m.entry.term
    ]
    hints = said or [m.entry.term.energy for m in matches if m.entry.kind in ("mood", "activity") and m.entry.term]
    chosen = [hint for hint in hints if hint is not None]
    if not chosen:
        genre_hints = [m.entry.term.energy for m in matches if m.entry.kind == "genre" and m.entry.term]
        chosen = [hint for hint in genre_hints if hint is not None]
    return round(fmean(chosen), 3) if chosen else None


def _bounded(energy: float | None, excluded_moods: list[str]) -> float | None:
    """ "Nothing too slow" keeps the energy off low; "nothing too intense" off high."""
    if energy is None:
        return None
    if _SLOW.intersection(excluded_moods) and EnergyLevel.of(energy) is EnergyLevel.LOW:
        return EnergyLevel.MEDIUM.value_hint
    if _FAST.intersection(excluded_moods) and EnergyLevel.of(energy) is EnergyLevel.HIGH:
        return EnergyLevel.MEDIUM.value_hint
    return energy


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
