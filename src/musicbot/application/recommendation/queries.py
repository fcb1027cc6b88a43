"""Search phrases for an intent, most specific first: what a person would type into a search box to find it.

What the intent leaves out is never searched for (the ranking drops what comes back of it anyway).
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.lexicon import GENRES, LANGUAGE_NAMES

FALLBACK_PHRASE = "popular songs"
_IMPLIED_LANGUAGE = {term.name: term.language for term in GENRES if term.language}


@dataclass(frozen=True, slots=True)
class Phrase:
    words: str
    weight: float  # how good a fit its results are likely to be (0-1)


def search_phrases(intent: MusicIntent, *, limit: int) -> list[Phrase]:
    """Distinct phrases, at most `limit`; "popular songs" when the intent says nothing at all."""
    era = intent.eras[0].label if intent.eras else ""
    implied = any(_IMPLIED_LANGUAGE.get(name) == intent.language for name in intent.genres)
    language = "" if implied else LANGUAGE_NAMES.get(intent.language or "", "")
    genre = intent.genres[0] if intent.genres else ""
    phrases: list[Phrase] = []
    for seed in intent.seed_tracks:
        # Not the seed itself (the ranking leaves it out anyway): songs like it, then more of its artist.
        phrases.append(Phrase(_join("songs like", seed.title, seed.artist and f"by {seed.artist}"), 0.8))
        if seed.artist:
            phrases.append(Phrase(_join(seed.artist, "best songs"), 0.7))
    for artist in intent.seed_artists:
        phrases.append(Phrase(_join(artist, genre or "best songs"), 0.9))
    for artist in intent.seed_artists[:2]:  # the name may be a song's: songs like it (the ranking drops it)
        phrases.append(Phrase(_join("songs like", artist), 0.75))
    instrumental = "instrumental" if intent.instrumental else ""
    described = _join(
        era, language, *intent.genres[:2], *intent.moods[:2], *intent.activities[:1], instrumental, *intent.keywords
    )
    if described and described != era and described != language:
        only_genres = described == _join(era, language, *intent.genres[:2])
        suffix = "music" if only_genres or not (intent.genres or intent.activities) else ""
        phrases.append(Phrase(_join(described, suffix or ("" if intent.genres else "songs")), 1.0))
    for name in intent.genres[:3]:
        phrases.append(Phrase(_join("best", language, name, instrumental or "songs", era), 0.8))
    for name in (*intent.moods[:2], *intent.activities[:2]):
        phrases.append(Phrase(_join(name, language, genre, "songs", era), 0.7))
    if (era or language) and not phrases:
        phrases.append(Phrase(_join(era, language, "hits"), 0.8))  # "80s hits": as people search for it
    unique: dict[str, Phrase] = {}
    for phrase in phrases:
        unique.setdefault(phrase.words.casefold(), phrase)
    return list(unique.values())[:limit] or [Phrase(FALLBACK_PHRASE, 0.5)]


def _join(*words: str | None) -> str:
    return " ".join(" ".join(word for word in words if word).split())
