"""Words as the lexicon sees them: folded (case, accents, apostrophes), tokenised, matched whole or loosely."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from musicbot.application.recommendation.lexicon import (
    ACTIVITIES,
    ERAS,
    GENRES,
    LANGUAGES,
    MOODS,
    NEVER_FUZZY,
    STOPWORDS,
    Term,
)

Kind = Literal["genre", "mood", "activity", "era", "language"]
_TOKEN = re.compile(r"[a-z0-9]+|&")
_APOSTROPHES = re.compile(r"['’‘`´]")
MAX_PHRASE = 4
FUZZY_MIN_LENGTH = 5  # shorter words are only ever matched exactly: "rap" is not "pop" and "jaz" is not "jam"


def fold(text: str) -> str:
    """Lower case, accents and apostrophes dropped: "'90s Hip-Hop, Café" -> "90s hip-hop, cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
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
    if len(word) < FUZZY_MIN_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    name: str  # the canonical word ("hip hop"), the era's name, or the language code
    term: Term | None = None  # genres, moods and activities
    years: tuple[int, int] | None = None  # eras


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int  # token positions, end excluded
    end: int
    exact: bool


class LexiconIndex:
    """Every synonym as a tuple of tokens -> what it means. Longest phrase first, left to right."""

    def __init__(self) -> None:
        self._phrases: dict[tuple[str, ...], Entry] = {}
        for kind, terms in (("genre", GENRES), ("mood", MOODS), ("activity", ACTIVITIES)):
            for term in terms:
                for synonym in term.synonyms:
                    self._add(synonym, Entry(kind, term.name, term=term))  # type: ignore[arg-type]
        for name, years in ERAS.items():
            self._add(name, Entry("era", name, years=years))
        for name, code in LANGUAGES.items():
            self._add(name, Entry("language", code))
        self._by_size: dict[int, list[tuple[str, Entry]]] = {}
        for phrase, entry in self._phrases.items():
            self._by_size.setdefault(len(phrase), []).append((" ".join(phrase), entry))

    def _add(self, synonym: str, entry: Entry) -> None:
        key = tuple(tokens(synonym))
        known = self._phrases.get(key)
        if known is not None and known != entry:
            raise ValueError(f"{synonym!r} means both {known.name!r} and {entry.name!r}")
        self._phrases[key] = entry

    def knows(self, word: str) -> bool:
        """A word that means something to the lexicon (or nothing at all): never part of an artist's name."""
        return word in STOPWORDS or (word,) in self._phrases

    def phrases(self) -> dict[tuple[str, ...], Entry]:
        return dict(self._phrases)

    def match(self, words: list[str]) -> tuple[list[Match], list[int]]:
        """Matches (exact ones, then loose ones in the gaps) and the positions of the words left over."""
        matches: list[Match] = []
        taken = [False] * len(words)
        position = 0
        while position < len(words):
            for size in range(min(MAX_PHRASE, len(words) - position), 0, -1):
                entry = self._phrases.get(tuple(words[position : position + size]))
                if entry is not None:
                    matches.append(Match(entry, position, position + size, exact=True))
                    taken[position : position + size] = [True] * size
                    position += size
                    break
            else:
                position += 1
        matches.extend(self._loose(words, taken))
        left = [i for i, word in enumerate(words) if not taken[i] and word not in STOPWORDS]
        return sorted(matches, key=lambda match: match.start), left

    def _loose(self, words: list[str], taken: list[bool]) -> Iterable[Match]:
        """Misspellings: windows of free words close to a phrase of as many words, sharing its first letter."""
        for size in range(min(3, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if any(taken[start : start + size]) or not _may_be_typo(window):
                    continue
                entry = self._closest(" ".join(window), size)
                if entry is not None:
                    taken[start : start + size] = [True] * size
                    yield Match(entry, start, start + size, exact=False)

    def _closest(self, text: str, size: int) -> Entry | None:
        bound = allowed_typos(text.replace(" ", ""))
        best: tuple[int, str, Entry] | None = None
        for phrase, entry in self._by_size.get(size, ()):
            if phrase[0] != text[0] or allowed_typos(phrase.replace(" ", "")) == 0:
                continue
            distance = edit_distance(text, phrase, bound=bound)
            if distance <= bound and (best is None or (distance, phrase) < best[:2]):
                best = (distance, phrase, entry)
        return None if best is None else best[2]


def _may_be_typo(window: list[str]) -> bool:
    if any(word in STOPWORDS or word in NEVER_FUZZY or word.isdigit() or word == "&" for word in window):
        return False
    return len("".join(window)) >= FUZZY_MIN_LENGTH


INDEX = LexiconIndex()
