"""What the offline extractor reads with patterns rather than the lexicon: seed artists and tracks ("like Daft
Punk", "more Daft Punk", "Kendrick vibes", "if u like Taylor Swift", "como Bad Bunny", "YOASOBI mitai na",
"\"Blinding Lights\" by The Weeknd") and counts ("5 songs", "a dozen"). Each reader returns what it found and the
text without it, so the lexicon never reads an artist's name as a genre ("more Daft Punk" is no punk).

A name read after a cue ends at the end of its clause, and a clause ends at words that start another one ("if u
like Frank Ocean u will like this" names Frank Ocean; "something like what the Weeknd does", the Weeknd).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from musicbot.application.recommendation.eras import decade_pattern
from musicbot.application.recommendation.intent import MAX_COUNT, MAX_TERM_LENGTH, SeedTrack
from musicbot.application.recommendation.languages import FOREIGN, PACKS
from musicbot.application.recommendation.lexicon import COUNT_WORDS, word_set
from musicbot.application.recommendation.spans import FoldedText, alternation
from musicbot.application.recommendation.text import INDEX, fold, tokens
from musicbot.application.recommendation.vocabulary import ALL_STOPWORDS

_SPAN_END = re.compile(
    r"[.;:!?()\[\]\n]|\s+(?:but|for|with|from|while|when|during|please|pls|plz|vibes?|songs?|music|tracks?|stuff|"
    r"type|style|kind|to|in|at|on|that|which|except|without|only|mostly|maybe|too|also|instead|not|no|"
    r"u|you|i|we|they|does|do|did|is|are|was|were|has|have|had|will|would|can|could|should|might|then|so|cuz|"
    r"because|bc|lol|rn|tho|though|ok|okay|thanks|thx|etc|pero|sin|para|pra|mais|pour|aber|ohne|ma|per|tapi|"
    r"buat|nhung|cho|mas|sem)\b",
    re.IGNORECASE,
)
_ENGLISH_TRIGGER = r"(?:songs?|music|tracks?|stuff|something|anything|hits|tunes|classics|albums?|more)\s+(?:from|by)"
_TRIGGER = re.compile(
    rf"(?<![a-z0-9])(?:{_ENGLISH_TRIGGER}|{alternation(pack.references for pack in PACKS)})\s+",
)
_AFTER = re.compile(rf"\s+(?:{alternation(pack.references_after for pack in PACKS)})(?![a-z0-9])")
_FOREIGN_TRIGGERS = frozenset(phrase for pack in FOREIGN for phrase in pack.references.split("|") if phrase)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,80})[\"“”«»](?P<by>\s+by\s+)?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+(?:and|or|y|e|und|et|dan)\s+|\s*/\s*", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_BUT = re.compile(r"^\s*(?P<name>[^,.;!?]{2,60}?)\s+but\s+", re.IGNORECASE)
_LEADING = word_set("some something anything stuff it them this that these those a an my me more what whatever of")
_ARTICLES = word_set("i il lo la le les los las el der die das o os un une una uno gli von vom de di da dari")
_START = word_set("the")
_INNER = word_set("the of and")

_COUNT_WORDS = "|".join(sorted((re.escape(word) for word in COUNT_WORDS), key=len, reverse=True))
_COUNT = re.compile(
    rf"\b(?:top\s+(?P<top>\d{{1,3}})\b|(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s+(?:[\w&-]+\s+){{0,3}}?"
    r"(?:songs?|tracks?|tunes?|bangers?|hits?|jams?|picks?|recommendations?|ones?|records?|classics?|anthems?|"
    r"bops?|numbers?|pieces?|more)\b)",
    re.IGNORECASE,
)


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
            artist = strip_leading(_LIST_SPLIT.split(span, maxsplit=1)[0]) or None
            if artist is not None and not is_name(artist):  # a run-on clause is no artist's name
                artist, end = None, quoted.end()
        title = " ".join(quoted.group(1).split())
        if title:
            tracks.insert(0, SeedTrack(title[:MAX_TERM_LENGTH], written_name(artist) if artist else None))
            rest = rest[: quoted.start()] + " " + rest[end:]
    rest = _before_but(rest, artists)
    folded = FoldedText.of(rest)
    cuts: list[tuple[int, int, str]] = []
    for trigger in _TRIGGER.finditer(folded.folded):
        first, last = folded.raw_span(trigger.start(), trigger.end())
        span, end = _span(rest, last)
        foreign = " ".join(trigger.group(0).split()) in _FOREIGN_TRIGGERS
        if _BY.search(span) and not trigger.group(0).rstrip().endswith("by"):
            title, artist = _BY.split(span, maxsplit=1)
            if is_name(title) and is_name(artist):
                tracks.append(SeedTrack(written_name(title), written_name(artist)))
                cuts.append((first, end, ""))
            continue
        pieces = _LIST_SPLIT.split(span)
        names = [name for name in (strip_leading(piece, foreign=foreign) for piece in pieces) if is_name(name)]
        if names:
            artists.extend(written_name(name) for name in names)
            kept = [piece for piece in pieces if not is_name(strip_leading(piece, foreign=foreign))]
            cuts.append((first, end, " ".join(kept)))
    for after in _AFTER.finditer(folded.folded):
        cue_start, cue_end = folded.raw_span(after.start(), after.end())
        begins = _name_before(rest, cue_start)
        if begins is not None and not any(a <= begins < b or a < cue_end <= b for a, b, _ in cuts):
            artists.append(written_name(rest[begins:cue_start]))
            cuts.append((begins, cue_end, ""))
    for start, stop, left in sorted(cuts, reverse=True):
        rest = rest[:start] + " " + left + " " + rest[stop:]
    return Seeds(tuple(dict.fromkeys(artists)), tuple(tracks), rest)


def _name_before(text: str, stop: int) -> int | None:
    """Where a name ending at `stop` starts ("chill Kendrick| vibes", "give me the Weeknd| vibes"), if one does:
    the words back to a stop word (a leading "the" kept; "of", "and", "the" inside a name kept), less any
    lexicon words it starts with."""
    clause = re.split(r"[,.;:!?()]", text[:stop])[-1]
    offset = stop - len(clause)
    words = [(offset + m.start(), m.group()) for m in re.finditer(r"\S+", clause)]
    kept: list[tuple[int, str]] = []
    for index in range(len(words) - 1, -1, -1):
        word = fold(words[index][1])
        if word not in ALL_STOPWORDS:
            kept.insert(0, words[index])
            continue
        inner = word in _INNER and index > 0 and fold(words[index - 1][1]) not in ALL_STOPWORDS and kept
        if inner:
            kept.insert(0, words[index])
            continue
        if word in _START and kept:
            kept.insert(0, words[index])
        break
    while kept and fold(kept[0][1]) not in _START and INDEX.knows(fold(kept[0][1])):
        kept.pop(0)
    if not kept or not is_name(text[kept[0][0] : stop]):
        return None
    return kept[0][0]


def _before_but(text: str, artists: list[str]) -> str:
    """ "Radiohead but happier": a request that starts with a bare name, then "but", is about that name."""
    match = _BUT.match(text)
    if match is None:
        return text
    name = match.group("name").strip()
    if not is_name(name) or any(INDEX.knows(word) and word not in _START for word in tokens(name)):
        return text
    artists.append(written_name(name))
    return text[match.end("name") :]


def read_count(text: str) -> tuple[int | None, str]:
    match = _COUNT.search(text)
    if match is None:
        return None, text
    group = "top" if match.group("top") else "n"
    word = match.group(group).lower()
    count = int(word) if word.isdigit() else COUNT_WORDS[" ".join(word.split())]
    rest = text[: match.start(group)] + " " + text[match.end(group) :]
    return (min(max(count, 1), MAX_COUNT) if count else None), rest


def _span(text: str, start: int) -> tuple[str, int]:
    """The words from `start` up to the next delimiter ("for", "but", a comma...) and where they end."""
    end = _SPAN_END.search(text, start)
    stop = len(text) if end is None else end.start()
    return text[start:stop].strip(), stop


def strip_leading(piece: str, *, foreign: bool = False) -> str:
    words = piece.split()
    while words and (fold(words[0]) in _LEADING or (foreign and fold(words[0]) in _ARTICLES)):
        words.pop(0)
    return " ".join(words)


def is_name(piece: str) -> bool:
    """A name has a word the lexicon does not know: "Daft Punk" is one, "something chill" or "the 90s" is not;
    "The 1975" is (a band's name starts with "the", a decade's does not)."""
    words = tokens(piece)
    if not words or len(words) > 6 or len(piece) > MAX_TERM_LENGTH:
        return False
    if words[0] in _START and len(words) > 1 and all(re.fullmatch(r"(?:19|20)\d\d", word) for word in words[1:]):
        return True
    _, left = INDEX.match(words, languages=())
    return any(not (decade_pattern().fullmatch(words[i]) or words[i].isdigit()) for i in left)


def written_name(text: str) -> str:
    name = " ".join(text.split()).strip(" -'\"")
    return string.capwords(name) if name == name.lower() else name
