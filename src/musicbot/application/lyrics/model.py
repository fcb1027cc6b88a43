"""Lyrics as values: plain text, and for synced lyrics the lines with the second each one starts at."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from musicbot.application.errors import ApplicationError

# [mm:ss.xx] (one or more per line); LRC's [ar:...]-style tags are not lines.
_STAMP = re.compile(r"\[(\d{1,3}):(\d{1,2}(?:[.:]\d{1,3})?)\]")


class LyricsUnavailable(ApplicationError):
    """The lyrics service cannot be reached or answered badly: lyrics only are affected."""

    def __init__(self, reason: str = "I can't reach the lyrics service right now; try again in a while") -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True, kw_only=True)
class LyricLine:
    at: float  # seconds from the song's start
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LyricsQuery:
    """What to look for: a title (and artist, album, length when known), or free words."""

    title: str
    artist: str | None = None
    album: str | None = None
    duration: float | None = None
    words: str | None = None  # the user's own words: searched as they are

    @property
    def key(self) -> str:
        """The cache key: the same song asked twice is looked up once."""
        if self.words is not None:
            return "q:" + " ".join(self.words.casefold().split())
        length = "" if self.duration is None else str(round(self.duration))
        return (
            "t:"
            + "|".join(" ".join((part or "").casefold().split()) for part in (self.title, self.artist))
            + ("|" + length)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Lyrics:
    title: str
    artist: str | None = None
    plain: str | None = None
    synced: tuple[LyricLine, ...] = ()
    instrumental: bool = False

    @property
    def text(self) -> str:
        """The words, plain (from the synced lines when there is no plain text)."""
        if self.plain and self.plain.strip():
            return self.plain.strip()
        return "\n".join(line.text for line in self.synced)


def parse_lrc(text: str) -> tuple[LyricLine, ...]:
    """LRC (`[01:02.34] words`) as lines in time order; lines without a time stamp are left out."""
    lines: list[LyricLine] = []
    for raw in text.splitlines():
        stamps = list(_STAMP.finditer(raw))
        if not stamps:
            continue
        words = _STAMP.sub("", raw).strip()
        for stamp in stamps:
            seconds = float(stamp.group(2).replace(":", "."))
            lines.append(LyricLine(at=int(stamp.group(1)) * 60 + seconds, text=words))
    return tuple(sorted(lines, key=lambda line: line.at))


def line_index(lines: tuple[LyricLine, ...], position: float) -> int:
    """The index of the line sung at `position` (-1 before the first)."""
    return bisect.bisect_right([line.at for line in lines], position) - 1


def pages(text: str, *, size: int = 1800) -> list[str]:
    """`text` cut at line ends into pages of at most `size` characters (a line longer than that is cut)."""
    result: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > size:
            if current:
                result.append(current)
                current = ""
            result.append(line[:size])
            line = line[size:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > size:
            result.append(current)
            current = line
        else:
            current = candidate
    if current or not result:
        result.append(current)
    return result


def window(lines: tuple[LyricLine, ...], index: int, *, before: int = 2, after: int = 3) -> list[tuple[bool, str]]:
    """The lines around line `index` (the one sung now: True), for a live view."""
    start = max(index - before, 0)
    end = min(max(index, 0) + after + 1, len(lines))
    return [(i == index, lines[i].text or "♪") for i in range(start, end)]


def wait_for_next(lines: tuple[LyricLine, ...], position: float, rate: float = 1.0) -> float | None:
    """Seconds of listening until the next line starts (at `rate` song seconds a second); None after the last."""
    index = line_index(lines, position)
    if index + 1 >= len(lines):
        return None
    return max(lines[index + 1].at - position, 0.0) / rate
