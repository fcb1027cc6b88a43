"""`FindLyrics`: the lyrics of the song playing (or of what the user typed), from the cache or the service."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from musicbot.application.lyrics.model import Lyrics, LyricsQuery
from musicbot.application.lyrics.ports import LyricsCache, LyricsSource
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.storage_errors import PersistenceError
from musicbot.application.support.requests import clean_request
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song

log = logging.getLogger(__name__)

MAX_WORDS = 200
# What video titles add around a song's name: "(Official Video)", "[Lyrics]", "(HD)", "| 4K" ...
_NOISE = re.compile(
    r"\s*[\(\[][^\)\]]*\b(official|video|audio|lyrics?|hd|hq|4k|remaster(ed)?|visuali[sz]er|mv)\b[^\)\]]*[\)\]]",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"\s+-\s+topic$", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class LyricsCommand:
    guild_id: GuildId
    words: str | None = None  # None or blank: the song playing


@dataclass(frozen=True, slots=True, kw_only=True)
class LyricsResult:
    asked: str  # what was looked up, as a user reads it ("Artist – Title" or their words)
    lyrics: Lyrics | None  # None: the service has none
    song: Song | None = None  # the song playing, when it was the one asked about


def query_for(song: Song) -> LyricsQuery:
    """A song as a lyrics service knows it: the title without the video's decorations, the artist if known."""
    track = song.track
    title = _NOISE.sub("", track.title).strip() or track.title
    artist = _TOPIC.sub("", track.artist).strip() if track.artist else None
    if artist is None and " - " in title:  # "Artist - Title", as most uploads name themselves
        artist, title = (part.strip() for part in title.split(" - ", 1))
    return LyricsQuery(title=title, artist=artist or None, duration=track.duration)


class FindLyrics:
    def __init__(self, *, registry: PlayerRegistry, source: LyricsSource, cache: LyricsCache | None = None) -> None:
        self._registry = registry
        self._source = source
        self._cache = cache

    async def execute(self, command: LyricsCommand) -> LyricsResult:
        song: Song | None = None
        if command.words is None or not command.words.strip():
            player = self._registry.find(command.guild_id)
            song = None if player is None else player.current
            if song is None:
                raise NothingPlaying
            query = query_for(song)
            asked = f"{query.artist} – {query.title}" if query.artist else query.title
        else:
            words = clean_request(command.words, max_length=MAX_WORDS, missing=None)  # not blank: checked above
            query = LyricsQuery(title=words, words=words)
            asked = words
        return LyricsResult(asked=asked, lyrics=await self._lookup(query), song=song)

    async def _lookup(self, query: LyricsQuery) -> Lyrics | None:
        if self._cache is not None:
            try:
                cached = await self._cache.get(query.key)
            except PersistenceError as error:  # the cache is a convenience: the service still answers
                log.warning("the lyrics cache could not be read: %s", error)
                cached = None
            if cached is not None:
                return cached[1]
        lyrics = await self._source.find(query)  # LyricsUnavailable goes to the user as a friendly line
        if self._cache is not None:
            try:
                await self._cache.put(query.key, lyrics)
            except PersistenceError as error:
                log.warning("the lyrics cache could not be written: %s", error)
        return lyrics
