"""Which song a track is, whatever the upload: "Daft Punk - One More Time (Official Video)" on one channel and
"One More Time" by "Daft Punk - Topic" on another are the same song, so they share one `SongKey`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from musicbot.application.sources.matching import core_title, normalise
from musicbot.domain.track import Track

_DASH = re.compile(r"\s+[-–—|]\s+")
_CHANNEL_NOISE = re.compile(r"(?:vevo|\s-\stopic|\bofficial\b|\bchannel\b|\bmusic\b|\brecords\b)", re.IGNORECASE)
_MORE_ARTISTS = re.compile(r"\s*(?:,|&|\bx\b|\band\b|\bfeat\b\.?|\bft\b\.?|\bfeaturing\b|\bwith\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class SongKey:
    artist: str  # normalised main artist; "" when unknown
    title: str  # normalised core title


def main_artist(name: str | None) -> str:
    """The first artist of "A, B", "A & B", "A feat. B", "AVEVO", "A - Topic", normalised ("" when none)."""
    if not name:
        return ""
    cleaned = _CHANNEL_NOISE.sub(" ", name)
    first = _MORE_ARTISTS.split(cleaned.strip(), maxsplit=1)[0]
    return normalise(first)


def song_key(track: Track) -> SongKey:
    parts = _DASH.split(track.title, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        artist, title = main_artist(parts[0]), core_title(parts[1])
    else:
        artist, title = main_artist(track.artist), core_title(track.title)
    if artist and title.startswith(artist + " "):
        title = title[len(artist) + 1 :]
    return SongKey(artist, title or normalise(track.title))


def same_artist(wanted: str, key: SongKey) -> bool:
    """`wanted` (a seed artist as typed) is the key's artist."""
    return bool(key.artist) and main_artist(wanted) == key.artist
