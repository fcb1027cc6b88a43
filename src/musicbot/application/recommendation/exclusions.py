"""`Exclusion`: whether a candidate is something the request left out, read from its title and artist.

A song is out when its title or artist names an excluded genre or mood in any of the lexicon's words for it
("rock but not metal" leaves out "Heavy Metal Thunder" and "Thrash Attack"), when it is by (or features) an
excluded artist, or when its title is a name the request gave as a reference: "songs like Blinding Lights"
asks for songs like it, not for it (the name may be an artist's or a song's; both are searched).
"""

from __future__ import annotations

from functools import cache

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.songs import SongKey, main_artist
from musicbot.application.recommendation.text import INDEX, tokens
from musicbot.application.sources.matching import normalise
from musicbot.domain.track import Track


@cache
def _phrases_for(kind: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Every phrase of every language that means the genre or mood `name`, as tokens."""
    found = {phrase for phrase, entry in INDEX.phrases().items() if entry.kind == kind and entry.name == name}
    found.add(tuple(tokens(name)))
    return tuple(sorted(found))


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


class Exclusion:
    def __init__(self, intent: MusicIntent) -> None:
        self._phrases = [
            *(phrase for name in intent.excluded_genres for phrase in _phrases_for("genre", name)),
            *(phrase for name in intent.excluded_moods for phrase in _phrases_for("mood", name)),
        ]
        self._artists = [(main_artist(name), tuple(tokens(name))) for name in intent.excluded_artists]
        self._titles = {normalise(name) for name in intent.seed_artists}

    def __bool__(self) -> bool:
        return bool(self._phrases or self._artists or self._titles)

    def rejects(self, track: Track, key: SongKey) -> bool:
        if key.title in self._titles:
            return True
        words = tokens(f"{track.title} {track.artist or ''}")
        if any(_contains(words, phrase) for phrase in self._phrases):
            return True
        return any(artist == key.artist or _contains(words, phrase) for artist, phrase in self._artists)
