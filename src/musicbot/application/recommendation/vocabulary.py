"""Every language's words in one place: the phrases the lexicon index matches (with the language each comes from),
all stop words, and which languages a request is written in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from musicbot.application.recommendation.languages import ENGLISH, FOREIGN, PACKS, LanguagePack
from musicbot.application.recommendation.languages.english import ERAS, LANGUAGES, NEVER_FUZZY
from musicbot.application.recommendation.languages.pack import Term, phrases
from musicbot.application.recommendation.lexicon import ACTIVITIES, GENRES, MOODS

__all__ = ["ALL_STOPWORDS", "NEVER_FUZZY", "PhraseMeaning", "all_phrases", "languages_of", "stopwords_of"]

_WORD = re.compile(r"[a-z0-9]+")
_ENGLISH_TERMS = {"genre": GENRES, "mood": MOODS, "activity": ACTIVITIES}
_BY_NAME = {(kind, term.name): term for kind, terms in _ENGLISH_TERMS.items() for term in terms}


@dataclass(frozen=True, slots=True)
class PhraseMeaning:
    phrase: str
    kind: str
    name: str
    language: str
    term: Term | None = None
    years: tuple[int, int] | None = None


def _pack_phrases(pack: LanguagePack) -> Iterator[PhraseMeaning]:
    for kind, table in (("mood", pack.moods), ("activity", pack.activities), ("genre", pack.genres)):
        for name, written in table.items():
            term = _BY_NAME[(kind, name)]  # a KeyError here is a typo in a language module
            for phrase in phrases(written):
                yield PhraseMeaning(phrase, kind, name, pack.code, term)
    for term in pack.new_genres:
        for phrase in term.synonyms:
            yield PhraseMeaning(phrase, "genre", term.name, pack.code, term)
    for phrase, code in pack.languages.items():
        yield PhraseMeaning(phrase, "language", code, pack.code)
    for phrase in phrases(pack.instrumental):
        yield PhraseMeaning(phrase, "instrumental", "instrumental", pack.code)


def all_phrases() -> Iterator[PhraseMeaning]:
    for kind, terms in _ENGLISH_TERMS.items():
        for term in terms:
            for phrase in term.synonyms:
                yield PhraseMeaning(phrase, kind, term.name, "en", term)
    for name, years in ERAS.items():
        yield PhraseMeaning(name, "era", name, "en", years=years)
    for name, code in LANGUAGES.items():
        yield PhraseMeaning(name, "language", code, "en")
    for pack in PACKS:
        yield from _pack_phrases(pack)


ALL_STOPWORDS: frozenset[str] = frozenset().union(*(pack.stopwords for pack in PACKS))
_STOPWORDS = {pack.code: pack.stopwords for pack in PACKS}


@cache
def stopwords_of(languages: tuple[str, ...]) -> frozenset[str]:
    """The stop words of `languages`: in a request in those languages, such a word is never a lexicon word."""
    return frozenset().union(*(_STOPWORDS.get(code, frozenset()) for code in languages))


def _words(*texts: str) -> set[str]:
    return {word for text in texts for word in _WORD.findall(text)}


def _vocabulary(pack: LanguagePack) -> set[str]:
    written = [*pack.moods.values(), *pack.activities.values(), *pack.genres.values(), *pack.languages]
    written += [synonym for term in pack.new_genres for synonym in term.synonyms]
    cues = (pack.negations, pack.negations_after, pack.references, pack.references_after, pack.instrumental)
    return _words(*written, *cues, pack.era_before, pack.era_after) | pack.stopwords | pack.chat | pack.requests


_ENGLISH_WORDS = _vocabulary(ENGLISH) | _words(*(s for t in (*GENRES, *MOODS, *ACTIVITIES) for s in t.synonyms))
_OWN_WORDS = {pack.code: frozenset(_vocabulary(pack) - _ENGLISH_WORDS) for pack in FOREIGN}


def languages_of(words: list[str]) -> tuple[str, ...]:
    """The languages `words` are written in: the foreign ones with the most words of their own, else English."""
    scores = {code: sum(word in own for word in words) for code, own in _OWN_WORDS.items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return ("en",)
    return tuple(code for code, score in scores.items() if score == best)
