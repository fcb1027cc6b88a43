"""Eras written in digits, in English ("90s", "'90s", "1990s", "late 80s", "1994", "2000-2005") and as the other
languages write decades ("los 80", "anos 90", "années 60", "anni '70", "80er", "tahun 90an", "80 nendai").
"""

from __future__ import annotations

import re

from musicbot.application.recommendation.intent import EraRange
from musicbot.application.recommendation.languages import PACKS
from musicbot.application.recommendation.spans import alternation
from musicbot.application.recommendation.text import fold

_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|to|until|till|through|and)\s*((?:19|20)\d\d)\b")
_DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(?:((?:19|20)\d0)s|(\d0)s)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
_BEFORE = alternation(pack.era_before for pack in PACKS if pack.era_before)
_AFTER = alternation(pack.era_after for pack in PACKS if pack.era_after)
_DIGITS = r"((?:19|20)\d0|\d0)"
_FOREIGN = re.compile(
    rf"\b(?:(?:{_BEFORE})\s+{_DIGITS}(?:s|an|er)?|{_DIGITS}\s?(?:{_AFTER}))\b",
)


def decade_pattern() -> re.Pattern[str]:
    return _DECADE


def read_eras(text: str) -> tuple[list[EraRange], str]:
    """Eras in the order they appear, and the (folded) text without them."""
    folded = fold(text)
    found: list[tuple[int, EraRange]] = []
    for pattern in (_FOREIGN, _YEAR_RANGE, _DECADE, _YEAR):
        for match in pattern.finditer(folded):
            era = _era(pattern, match)
            if era is not None:
                found.append((match.start(), era))
            folded = folded[: match.start()] + " " * (match.end() - match.start()) + folded[match.end() :]
    eras: list[EraRange] = []
    for _, era in sorted(found):
        if era not in eras:
            eras.append(era)
    return eras, folded


def _era(pattern: re.Pattern[str], match: re.Match[str]) -> EraRange | None:
    if pattern is _FOREIGN:
        return EraRange.decade(_century(match.group(1) or match.group(2)))
    if pattern is _YEAR_RANGE:
        first, last = sorted((int(match.group(1)), int(match.group(2))))
        return EraRange(first, last)
    if pattern is _YEAR:
        return EraRange(int(match.group(1)), int(match.group(1)))
    start = int(match.group(2)) if match.group(2) else _century(match.group(3))
    if match.group(1):
        low, high = _PART[match.group(1)]
        return EraRange(start + low, start + high)
    return EraRange.decade(start)


def _century(digits: str) -> int:
    """ "90" -> 1990, "10" -> 2010, "1970" -> 1970."""
    short = int(digits)
    if short >= 100:
        return short
    return 2000 + short if short <= 20 else 1900 + short
