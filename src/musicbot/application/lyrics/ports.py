"""What the lyrics use-case needs from outside: a lyrics service and a cache of what it answered."""

from __future__ import annotations

from typing import Protocol

from musicbot.application.lyrics.model import Lyrics, LyricsQuery


class LyricsSource(Protocol):
    async def find(self, query: LyricsQuery) -> Lyrics | None:
        """The song's lyrics; None when the service has none. Raises `LyricsUnavailable` when it cannot answer."""
        ...


class LyricsCache(Protocol):
    """Answers kept by query key: lyrics, or that there are none (`found` False). A cache that fails is skipped."""

    async def get(self, key: str) -> tuple[bool, Lyrics | None] | None:
        """(found, lyrics) as stored, or None when the key was never stored (or its answer expired)."""
        ...

    async def put(self, key: str, lyrics: Lyrics | None) -> None: ...
