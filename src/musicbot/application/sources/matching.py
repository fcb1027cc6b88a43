"""How well a search result stands for a catalogue track: pure scoring, no I/O.

A score in [0, 1] weighs the title (half), the artist (a fifth) and the duration (the rest), then takes off
for versions the user did not ask for (live, cover, remix...). Titles are compared after dropping what
uploaders add ("(Official Video)", "[Lyrics]", "ft. X"), accents, punctuation and case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from musicbot.domain.track import Track

DEFAULT_MIN_SCORE = 0.6

_TITLE_WEIGHT = 0.5
_ARTIST_WEIGHT = 0.2
_DURATION_WEIGHT = 0.3
_VERSION_PENALTY = 0.5  # a perfect karaoke version falls below any sensible minimum
_UNKNOWN = 0.5  # what an unknown duration or artist is worth: neither for nor against

# Versions that are not the recording: penalised when the wanted title does not name them itself.
UNWANTED_VERSIONS = (
    "live", "cover", "remix", "karaoke", "8d", "slowed", "nightcore", "sped up", "reverb", "instrumental",
)  # fmt: skip
# Words that say how a video was made, not which song it is: a bracketed group holding one is dropped.
_PACKAGING = {
    "official", "video", "audio", "lyric", "lyrics", "visualizer", "visualiser", "hd", "hq", "4k", "mv",
    "remaster", "remastered", "explicit", "clean", "clip", "music", "version", "edit", "mono", "stereo",
}  # fmt: skip
_BRACKETED = re.compile(r"[(\[{【]([^)\]}】]*)[)\]}】]")
_FEATURING = re.compile(r"\b(?:feat|ft|featuring)\b\.?.*?(?=\s[-|/]\s|[(\[{【]|$)", re.IGNORECASE)
# Spotify's own suffixes: "Song - Remastered 2011", "Song - Radio Edit", "Song - Mono Version".
_SPOTIFY_SUFFIX = re.compile(
    r"\s-\s[^-()\[\]]*\b(?:remaster(?:ed)?|radio edit|single version|album version|mono|stereo|bonus track)\b.*$",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w]+|_")


@dataclass(frozen=True, slots=True)
class MatchScore:
    """A candidate's score and its parts, for logs and tests."""

    total: float
    title: float
    artist: float
    duration: float
    unwanted: tuple[str, ...]


def normalise(text: str) -> str:
    """Lower case, no accents, "&" as "and", punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(_NON_WORD.sub(" ", plain.replace("&", " and ")).split())


def core_title(title: str) -> str:
    """The song's name without what uploaders and Spotify add around it, normalised."""
    text = _SPOTIFY_SUFFIX.sub("", title)
    text = _BRACKETED.sub(lambda group: " " if _is_packaging(group[1]) else group[0], text)
    words = normalise(_FEATURING.sub(" ", text)).split()
    while len(words) > 1 and words[-1] in _PACKAGING:  # "Song | Official Video", "Song lyrics"
        words.pop()
    return " ".join(words)


def duration_score(wanted: float | None, found: float | None, *, tolerance: float = 7.0, limit: float = 30.0) -> float:
    """1 within ±`tolerance` seconds, falling linearly to 0 at ±`limit`; neutral when either is unknown."""
    if wanted is None or found is None:
        return _UNKNOWN
    gap = abs(wanted - found)
    if gap <= tolerance:
        return 1.0
    return max(0.0, 1.0 - (gap - tolerance) / (limit - tolerance))


def score(wanted: Track, candidate: Track) -> MatchScore:
    artists = _artists(wanted.artist)
    title = _title_similarity(core_title(wanted.title), core_title(candidate.title), artists)
    artist = _artist_score(artists, candidate)
    duration = duration_score(wanted.duration, candidate.duration)
    unwanted = unwanted_versions(wanted.title, candidate.title)
    total = _TITLE_WEIGHT * title + _ARTIST_WEIGHT * artist + _DURATION_WEIGHT * duration
    total -= _VERSION_PENALTY * len(unwanted)
    return MatchScore(max(0.0, min(1.0, total)), title, artist, duration, unwanted)


def best_match(
    wanted: Track, candidates: Iterable[Track], min_score: float = DEFAULT_MIN_SCORE
) -> tuple[Track, float] | None:
    """The best-scoring candidate at or above `min_score` (the earlier one on a tie), or None."""
    best: tuple[Track, float] | None = None
    for candidate in candidates:
        total = score(wanted, candidate).total
        if total >= min_score and (best is None or total > best[1]):
            best = (candidate, total)
    return best


def unwanted_versions(wanted_title: str, candidate_title: str) -> tuple[str, ...]:
    asked, found = f" {normalise(wanted_title)} ", f" {normalise(candidate_title)} "
    return tuple(word for word in UNWANTED_VERSIONS if f" {word} " in found and f" {word} " not in asked)


def _is_packaging(group: str) -> bool:
    words = normalise(group).split()
    return bool(words) and (words[0] in {"feat", "ft", "featuring", "with"} or any(w in _PACKAGING for w in words))


def _artists(artist: str | None) -> list[str]:
    """The catalogue joins several artists with ", "; the first is the main one."""
    return [name for name in (normalise(part) for part in (artist or "").split(",")) if name]


def _title_similarity(wanted: str, found: str, artists: Sequence[str]) -> float:
    """The closer of the whole title and the title with the artists' names taken out ("Artist - Song")."""
    without_artists = found
    for name in artists:
        without_artists = re.sub(rf"(?:^|\s){re.escape(name)}(?=\s|$)", " ", without_artists)
    without_artists = " ".join(without_artists.split())
    ratios = [SequenceMatcher(None, wanted, text).ratio() for text in {found, without_artists} if text]
    return max(ratios, default=0.0)


def _artist_score(artists: Sequence[str], candidate: Track) -> float:
    """1 when the main artist shows in the title or uploader, 0.6 for a featured one, 0 for none."""
    if not artists:
        return _UNKNOWN
    title, uploader = normalise(candidate.title), normalise(candidate.artist or "")
    # Joined forms catch channel names: "TheWeekndVEVO", "Dua Lipa - Topic", "duaLipaOfficial".
    squeezed = (title.replace(" ", ""), uploader.replace(" ", ""))
    for rank, name in enumerate(artists):
        in_words = any(f" {name} " in f" {text} " for text in (title, uploader))
        in_joined = len(name) >= 4 and any(name.replace(" ", "") in text for text in squeezed)
        if in_words or in_joined:
            return 1.0 if rank == 0 else 0.6
    return 0.0
