"""Finding cue words in folded text and cutting what they cover out of the text as written (case and accents
kept, so that a name read next to a cue keeps its spelling: "sin Rosalía" leaves out "Rosalía").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from musicbot.application.recommendation.text import fold

_fold_char = lru_cache(maxsize=4096)(fold)  # few distinct characters in practice; folding each is the cost


@dataclass(frozen=True, slots=True)
class FoldedText:
    """`folded` is `fold(raw)`; `origin[i]` is where folded character i came from in `raw` (one past the end too)."""

    raw: str
    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> FoldedText:
        folded: list[str] = []
        origin: list[int] = []
        for position, char in enumerate(raw):
            for piece in _fold_char(char):
                folded.append(piece)
                origin.append(position)
        origin.append(len(raw))
        return cls(raw, "".join(folded), tuple(origin))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw characters behind folded characters `start` to `end` (end excluded)."""
        if start >= end:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def raw_text(self, start: int, end: int) -> str:
        first, last = self.raw_span(start, end)
        return self.raw[first:last]


def alternation(written: Iterable[str]) -> str:
    """A regex alternative of `|`-separated phrases, longest first, spaces matching any white space."""
    found = {" ".join(phrase.split()) for text in written for phrase in text.split("|") if phrase.strip()}
    ordered = sorted(found, key=lambda phrase: (-len(phrase), phrase))
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


def cut(raw: str, spans: Iterable[tuple[int, int]]) -> str:
    """`raw` with the (raw) spans replaced by a space each."""
    kept: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            start = position
        kept.append(raw[position:start])
        kept.append(" ")
        position = max(position, end)
    kept.append(raw[position:])
    return "".join(kept)
