"""What a request leaves out: "rock but not metal", "anything but country", "no Drake", "nothing too slow",
"sin reggaeton", "ohne Gesang", "metal igai", and "no lyrics" (instrumental) in each language.

A cue ("but not", "sin", "kein") covers the words after it up to the end of its clause (a comma, "but", "for"...);
Japanese cues ("igai", "nashi") cover the words before them. What a covered clause names in the lexicon (genres,
moods) is left out; a clause the lexicon knows nothing in names an artist to leave out. Covered words are cut
from the text, so the rest of the reader never takes them as wanted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from musicbot.application.recommendation.chat import CHAT_WORDS
from musicbot.application.recommendation.languages import PACKS
from musicbot.application.recommendation.languages.pack import word_set
from musicbot.application.recommendation.phrases import is_name, strip_leading, written_name
from musicbot.application.recommendation.spans import FoldedText, alternation, cut
from musicbot.application.recommendation.text import INDEX, tokens

_BOUNDARY = re.compile(
    r"[,.;:!?()\[\]\n]|\s(?:but|and\s+then|for|to|while|when|please|pls|plz|tho|though|just|only|maybe|instead|so|"
    r"because|cuz|with|that|which|i|im|we|you|u|para|pra|pour|per|fur|zum|zur|buat|untuk|cho|mais|pero|mas|aber|"
    r"ma|tapi|nhung|sondern|lol|rn)\b"
)
_LEAD = re.compile(r"\s*(?:too|so|very|that|any|more|as)\b")
_MAX_SCOPE = 6  # words: a clause longer than this is not one thing left out
_LIST = re.compile(r"\s*,\s*|\s+(?:and|or|nor|y|o|e|ou|und|oder|et|atau|dan|hay|va)\s+|\s*/\s*", re.IGNORECASE)
# "no doubt", "no cap", "not sure": idioms, not artists left out.
_NOT_NAMES = word_set(
    "cap worries doubt way problem problems idea clue matter rush offense offence thanks sure kidding joke lie one body"
)
_PARTICLE_NO = frozenset({"pt", "ja"})  # where "no" is "in the" (pt) or a particle (ja), not a negation


@dataclass(slots=True)
class Exclusions:
    genres: list[str] = field(default_factory=list)
    moods: list[str] = field(default_factory=list)
    artists: list[str] = field(default_factory=list)
    instrumental: bool = False
    rest: str = ""
    said: dict[str, str] = field(default_factory=dict)  # a term left out -> the words that named it ("bebop")

    def narrowed(self, names: list[str], wanted: tuple[str, ...]) -> list[str]:
        """`names` left out, each by the words that named it when the request also wants its term: "jazz but no
        bebop" wants jazz and leaves out bebop, not jazz."""
        return [self.said.get(name, name) if name in wanted else name for name in names]


@cache
def _cues(languages: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str]]:
    packs = [pack for pack in PACKS if pack.code == "en" or pack.code in languages]
    before = alternation(pack.negations for pack in packs)
    if _PARTICLE_NO.intersection(languages):
        before = "|".join(part for part in before.split("|") if part != "no")
    after = alternation(pack.negations_after for pack in packs)
    instrumental = alternation(pack.instrumental for pack in PACKS)
    return (
        re.compile(rf"(?<![a-z0-9])(?:{before})(?![a-z0-9])"),
        re.compile(rf"(?<![a-z0-9])(?:{after})(?![a-z0-9])") if after else None,
        re.compile(rf"(?<![a-z0-9])(?:{instrumental})(?![a-z0-9])"),
    )


def read_exclusions(raw: str, languages: tuple[str, ...]) -> Exclusions:
    before, after, instrumental = _cues(languages)
    found = Exclusions()
    text = FoldedText.of(raw)
    covered = [(m.start(), m.end()) for m in instrumental.finditer(text.folded)]
    spans = [text.raw_span(start, end) for start, end in covered]
    found.instrumental = bool(spans)
    for cue in before.finditer(text.folded):
        if any(start <= cue.start() < end for start, end in covered):
            continue
        boundary = _BOUNDARY.search(text.folded, cue.end())
        stop = len(text.folded) if boundary is None else boundary.start()
        if _take(text, cue.end(), stop, found, languages):
            spans.append(text.raw_span(cue.start(), stop))
            covered.append((cue.start(), stop))
    for cue in after.finditer(text.folded) if after else ():
        if any(start <= cue.start() < end for start, end in covered):
            continue
        starts = [m.end() for m in _BOUNDARY.finditer(text.folded, 0, cue.start())]
        start = max([0, *starts, *(end for _, end in covered if end <= cue.start())])
        if _take(text, start, cue.start(), found, languages):
            spans.append(text.raw_span(start, cue.end()))
    found.rest = cut(raw, spans)
    return found


def _take(text: FoldedText, start: int, stop: int, found: Exclusions, languages: tuple[str, ...]) -> bool:
    """Leave out what the folded text from `start` to `stop` names; whether it named anything."""
    while (lead := _LEAD.match(text.folded, start, stop)) is not None and lead.end() > start:
        start = lead.end()  # "not | too heavy", "but no | more sad"
    words = tokens(text.folded[start:stop])
    if not words or len(words) > _MAX_SCOPE:
        return False
    matches, left = INDEX.match(words, languages)
    named = False
    for match in matches:
        target = {"genre": found.genres, "mood": found.moods}.get(match.entry.kind)
        if target is not None:
            named = True
            if match.entry.name not in target:
                target.append(match.entry.name)
                found.said[match.entry.name] = " ".join(words[match.start : match.end])
        elif match.entry.kind == "instrumental":
            found.instrumental = named = True
    if named or not left:
        return named
    for piece in _LIST.split(text.raw_text(start, stop)):
        name = _artist(piece)
        if name:
            found.artists.append(name)
            named = True
    return named


def _artist(piece: str) -> str | None:
    name = strip_leading(piece.strip(" -'\""), foreign=True)
    words = tokens(name)
    if not is_name(name) or words[0] in _NOT_NAMES or all(word in CHAT_WORDS for word in words):
        return None
    return written_name(name)
