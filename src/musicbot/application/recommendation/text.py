"""Words as the lexicon sees them: folded (case, accents, apostrophes), tokenised, matched whole or loosely.

Every phrase of every language is matched exactly, wherever it is said ("chill" is chill in any language). A
misspelling is only matched to a phrase of the request's own language(s) (`vocabulary.languages_of`): "musica"
in a Spanish request is never the English genre "musical".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from musicbot.application.recommendation.languages.pack import Term
from musicbot.application.recommendation.vocabulary import (
    ALL_STOPWORDS,
    NEVER_FUZZY,
    PhraseMeaning,
    all_phrases,
    stopwords_of,
)

Kind = Literal["genre", "mood", "activity", "era", "language", "instrumental"]
_TOKEN = re.compile(r"[a-z0-9]+|&")
_APOSTROPHES = re.compile(r"['’‘`´]")
_UNDECOMPOSED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i"})
MAX_PHRASE = 4
FUZZY_MIN_LENGTH = 5  # shorter words are only matched by a letter left out ("jaz", "roc", "chil")
SHORT_MIN_LENGTH = 3


def fold(text: str) -> str:
    """Lower case, accents and apostrophes dropped: "'90s Hip-Hop, Café" -> "90s hip-hop, cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _APOSTROPHES.sub("", plain)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def edit_distance(a: str, b: str, *, bound: int) -> int:
    """Optimal string alignment distance (an adjacent swap counts 1), or `bound + 1` once it must exceed `bound`."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    """One slip up to 8 letters, two from 9: two slips in 8 letters make other words ("surprise", "sunrise")."""
    if len(word) < FUZZY_MIN_LENGTH:
        return 0
    return 1 if len(word) <= 8 else 2


def missing_one_letter(short: str, word: str) -> bool:
    """`short` is `word` with one letter left out ("jaz" / "jazz", "chil" / "chill")."""
    return len(word) == len(short) + 1 and any(word[:i] + word[i + 1 :] == short for i in range(1, len(word)))


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    name: str  # the canonical word ("hip hop"), the era's name, the language code, or "instrumental"
    term: Term | None = None  # genres, moods and activities
    years: tuple[int, int] | None = None  # eras


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int  # token positions, end excluded
    end: int
    exact: bool


class LexiconIndex:
    """Every phrase of every language as a tuple of tokens -> what it means. Longest phrase first, left to right."""

    def __init__(self, meanings: Iterable[PhraseMeaning]) -> None:
        self._phrases: dict[tuple[str, ...], Entry] = {}
        self._fuzzy: dict[str, dict[int, list[tuple[str, Entry]]]] = {}
        for meaning in meanings:
            key = tuple(tokens(meaning.phrase))
            if not key:
                continue
            entry = Entry(meaning.kind, meaning.name, meaning.term, meaning.years)  # type: ignore[arg-type]
            known = self._phrases.get(key)
            if known is not None and known != entry:
                raise ValueError(f"{meaning.phrase!r} means both {known.name!r} and {entry.name!r}")
            if known is None:
                self._phrases[key] = entry
            by_size = self._fuzzy.setdefault(meaning.language, {}).setdefault(len(key), [])
            if (" ".join(key), entry) not in by_size:
                by_size.append((" ".join(key), entry))

    def knows(self, word: str) -> bool:
        """A word that means something to the lexicon (or nothing at all): never part of an artist's name."""
        return word in ALL_STOPWORDS or (word,) in self._phrases

    def phrases(self) -> dict[tuple[str, ...], Entry]:
        return dict(self._phrases)

    def match(self, words: list[str], languages: Iterable[str] = ("en",)) -> tuple[list[Match], list[int]]:
        """Matches (exact ones, then loose ones in the gaps, in `languages` only) and the positions left over."""
        matches: list[Match] = []
        taken = [False] * len(words)
        position = 0
        languages = tuple(languages)
        small = stopwords_of(languages)  # "sono" is sleep in Portuguese, "I am" in an Italian request
        while position < len(words):
            for size in range(min(MAX_PHRASE, len(words) - position), 0, -1):
                entry = self._phrases.get(tuple(words[position : position + size]))
                if entry is not None and not (size == 1 and words[position] in small):
                    matches.append(Match(entry, position, position + size, exact=True))
                    taken[position : position + size] = [True] * size
                    position += size
                    break
            else:
                position += 1
        matches.extend(self._loose(words, taken, languages))
        left = [i for i, word in enumerate(words) if not taken[i] and word not in ALL_STOPWORDS]
        return sorted(matches, key=lambda match: match.start), left

    def _loose(self, words: list[str], taken: list[bool], languages: tuple[str, ...]) -> Iterable[Match]:
        """Misspellings: windows of free words close to a phrase of as many words, sharing its first letter."""
        for size in range(min(3, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if any(taken[start : start + size]) or not _may_be_typo(window):
                    continue
                entry = self._closest(" ".join(window), size, languages)
                if entry is not None:
                    taken[start : start + size] = [True] * size
                    yield Match(entry, start, start + size, exact=False)

    def _closest(self, text: str, size: int, languages: tuple[str, ...]) -> Entry | None:
        short = len(text) < FUZZY_MIN_LENGTH
        bound = allowed_typos(text.replace(" ", ""))
        best: tuple[int, str, Entry] | None = None
        for language in languages:
            for phrase, entry in self._fuzzy.get(language, {}).get(size, ()):
                if phrase[0] != text[0]:
                    continue
                if short:
                    close = missing_one_letter(text, phrase) and len(phrase) < FUZZY_MIN_LENGTH + 1
                    distance = 1 if close else 2
                    bound = 1
                elif allowed_typos(phrase.replace(" ", "")) == 0:
                    continue
                else:
                    distance = edit_distance(text, phrase, bound=bound)
                if distance <= bound and (best is None or (distance, phrase) < best[:2]):
                    best = (distance, phrase, entry)
        return None if best is None else best[2]


def _may_be_typo(window: list[str]) -> bool:
    if any(word in ALL_STOPWORDS or word in NEVER_FUZZY or not word.isalpha() for word in window):
        return False
    letters = len("".join(window))
    return letters >= FUZZY_MIN_LENGTH or (len(window) == 1 and letters >= SHORT_MIN_LENGTH)


INDEX = LexiconIndex(all_phrases())
