"""What the offline extractor reads with patterns rather than the lexicon: seed artists and tracks ("like Daft
Punk", "songs by Queen", "\"Blinding Lights\" by The Weeknd"), counts ("5 songs", "a dozen") and eras written in
digits ("90s", "'90s", "1990s", "late 80s", "1994", "2000-2005"). Each reader returns what it found and the text
without it, so the lexicon never reads an artist's name as a genre ("Arctic Monkeys" is no "arctic" mood).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from musicbot.application.recommendation.intent import MAX_COUNT, MAX_TERM_LENGTH, EraRange, SeedTrack
from musicbot.application.recommendation.lexicon import COUNT_WORDS, word_set
from musicbot.application.recommendation.text import INDEX, fold, tokens

_SPAN_END = re.compile(
    r"[.;:!?()\[\]\n]|\s+(?:but|for|with|from|while|when|during|please|pls|plz|vibes?|songs?|music|tracks?|stuff|"
    r"type|style|kind|to|in|at|on|that|which|except|without|only|mostly|maybe|too|also|instead|not|no)\b",
    re.IGNORECASE,
)
_TRIGGER = re.compile(
    r"\b(?:similar\s+to|sounds?\s+like|in\s+the\s+style\s+of|the\s+likes\s+of|inspired\s+by|like|"
    r"(?:songs?|music|tracks?|stuff|something|anything|hits|tunes|classics|albums?|more)\s+(?:from|by))\s+",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,80})[\"“”«»](?P<by>\s+by\s+)?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+(?:and|or)\s+|\s*/\s*", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_LEADING = word_set("some something anything stuff it them this that these those a an my me more")

_COUNT_WORDS = "|".join(sorted((re.escape(word) for word in COUNT_WORDS), key=len, reverse=True))
_COUNT = re.compile(
    rf"\b(?:top\s+(?P<top>\d{{1,3}})\b|(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s+(?:[\w&-]+\s+){{0,3}}?"
    r"(?:songs?|tracks?|tunes?|bangers?|hits?|jams?|picks?|recommendations?|ones?|records?|classics?|anthems?|"
    r"bops?|numbers?|pieces?|more)\b)",
    re.IGNORECASE,
)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|to|until|till|through|and)\s*((?:19|20)\d\d)\b")
_DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(?:((?:19|20)\d0)s|(\d0)s)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}


@dataclass(frozen=True, slots=True)
class Seeds:
    artists: tuple[str, ...]
    tracks: tuple[SeedTrack, ...]
    rest: str


def read_seeds(text: str) -> Seeds:
    artists: list[str] = []
    tracks: list[SeedTrack] = []
    rest = text
    for quoted in reversed(list(_QUOTED.finditer(text))):
        artist, end = None, quoted.end()
        if quoted.group("by"):
            span, end = _span(text, quoted.end())
            artist = _strip(_LIST_SPLIT.split(span, maxsplit=1)[0]) or None
        title = " ".join(quoted.group(1).split())
        if title:
            tracks.insert(0, SeedTrack(title[:MAX_TERM_LENGTH], _name(artist) if artist else None))
            rest = rest[: quoted.start()] + " " + rest[end:]
    for trigger in reversed(list(_TRIGGER.finditer(rest))):
        span, end = _span(rest, trigger.end())
        if _BY.search(span) and not trigger.group(0).lower().rstrip().endswith("by"):
            title, artist = _BY.split(span, maxsplit=1)
            if _is_name(title) and _is_name(artist):
                tracks.insert(0, SeedTrack(_name(title), _name(artist)))
                rest = rest[: trigger.start()] + " " + rest[end:]
            continue
        names = [piece for piece in (_strip(piece) for piece in _LIST_SPLIT.split(span)) if _is_name(piece)]
        if names:
            artists[:0] = [_name(name) for name in names]
            kept = [piece for piece in _LIST_SPLIT.split(span) if not _is_name(_strip(piece))]
            rest = rest[: trigger.start()] + " " + " ".join(kept) + " " + rest[end:]
    return Seeds(tuple(artists), tuple(tracks), rest)


def read_count(text: str) -> tuple[int | None, str]:
    match = _COUNT.search(text)
    if match is None:
        return None, text
    group = "top" if match.group("top") else "n"
    word = match.group(group).lower()
    count = int(word) if word.isdigit() else COUNT_WORDS[" ".join(word.split())]
    rest = text[: match.start(group)] + " " + text[match.end(group) :]
    return (min(max(count, 1), MAX_COUNT) if count else None), rest


def read_eras(text: str) -> tuple[list[EraRange], str]:
    """Eras written in digits, in the order they appear, and the (folded) text without them."""
    folded = fold(text)
    found: list[tuple[int, EraRange]] = []
    for pattern in (_YEAR_RANGE, _DECADE, _YEAR):
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
    if pattern is _YEAR_RANGE:
        first, last = sorted((int(match.group(1)), int(match.group(2))))
        return EraRange(first, last)
    if pattern is _YEAR:
        return EraRange(int(match.group(1)), int(match.group(1)))
    if match.group(2):
        start = int(match.group(2))
    else:
        short = int(match.group(3))
        start = 2000 + short if short <= 20 else 1900 + short
    if match.group(1):
        low, high = _PART[match.group(1)]
        return EraRange(start + low, start + high)
    return EraRange.decade(start)


def _span(text: str, start: int) -> tuple[str, int]:
    """The words from `start` up to the next delimiter ("for", "but", a comma...) and where they end."""
    end = _SPAN_END.search(text, start)
    stop = len(text) if end is None else end.start()
    return text[start:stop].strip(), stop


def _strip(piece: str) -> str:
    words = piece.split()
    while words and fold(words[0]) in _LEADING:
        words.pop(0)
    return " ".join(words)


def _is_name(piece: str) -> bool:
    """A name has a word the lexicon does not know: "Daft Punk" is one, "something chill" or "the 90s" is not."""
    words = tokens(piece)
    if not words or len(words) > 6 or len(piece) > MAX_TERM_LENGTH:
        return False
    return not all(INDEX.knows(word) or _DECADE.fullmatch(word) or word.isdigit() for word in words)


def _name(text: str) -> str:
    name = " ".join(text.split()).strip(" -'\"")
    return string.capwords(name) if name == name.lower() else name
