"""`LrclibLyricsSource` (a `LyricsSource`): `GET /api/get` for an exact song, `GET /api/search` otherwise.

`/api/get` wants the title, the artist, the album and the length; what we know of a song playing is its title,
often its artist and length, rarely its album, so a miss there (404) is searched again by words. Every
failure of the service (unreachable, slow, 5xx, an answer that is not JSON) is `LyricsUnavailable`: only the
lyrics command says "try later", nothing else in the bot notices.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from musicbot.application.lyrics.model import LyricLine, Lyrics, LyricsQuery, LyricsUnavailable, parse_lrc

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://lrclib.net"
_DURATION_SLACK = 3.0  # seconds a search result's length may differ from the song's and still be it


class LrclibLyricsSource:
    def __init__(
        self,
        *,
        user_agent: str,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 8.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._client = client or httpx.AsyncClient(timeout=timeout, follow_redirects=True)
        self._owns_client = client is None
        self._headers = {"User-Agent": user_agent, "Accept": "application/json"}

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def find(self, query: LyricsQuery) -> Lyrics | None:
        if query.words is None and query.artist:
            params: dict[str, str] = {"track_name": query.title, "artist_name": query.artist}
            if query.album:
                params["album_name"] = query.album
            if query.duration is not None:
                params["duration"] = str(round(query.duration))
            found = await self._get("/api/get", params)
            if isinstance(found, dict) and _has_words(found):
                return _lyrics(found)
        words = query.words or " ".join(part for part in (query.artist, query.title) if part)
        results = await self._get("/api/search", {"q": words})
        if not isinstance(results, list):
            return None
        best = _best(results, query.duration)
        return None if best is None else _lyrics(best)

    async def _get(self, path: str, params: dict[str, str]) -> Any:
        try:
            response = await self._client.get(self._base + path, params=params, headers=self._headers)
        except httpx.HTTPError as error:
            log.warning("LRCLIB did not answer: %s", error)
            raise LyricsUnavailable from error
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            log.warning("LRCLIB answered %s to %s", response.status_code, path)
            raise LyricsUnavailable
        try:
            return response.json()
        except ValueError as error:
            raise LyricsUnavailable("the lyrics service answered something unreadable") from error


def _has_words(entry: dict[str, Any]) -> bool:
    return bool(entry.get("instrumental")) or any(
        isinstance(entry.get(key), str) and entry[key].strip() for key in ("plainLyrics", "syncedLyrics")
    )


def _best(results: list[Any], duration: float | None) -> dict[str, Any] | None:
    """The first result with words, of the song's length when it is known; synced lyrics preferred."""
    entries = [entry for entry in results if isinstance(entry, dict) and _has_words(entry)]
    if duration is not None:
        close = [
            e
            for e in entries
            if isinstance(e.get("duration"), int | float) and abs(e["duration"] - duration) <= _DURATION_SLACK
        ]
        entries = close or entries
    synced = [entry for entry in entries if isinstance(entry.get("syncedLyrics"), str) and entry["syncedLyrics"]]
    chosen = synced or entries
    return chosen[0] if chosen else None


def _lyrics(entry: dict[str, Any]) -> Lyrics:
    synced_text = entry.get("syncedLyrics")
    synced: tuple[LyricLine, ...] = parse_lrc(synced_text) if isinstance(synced_text, str) else ()
    plain = entry.get("plainLyrics")
    artist = entry.get("artistName")
    return Lyrics(
        title=str(entry.get("trackName") or "?"),
        artist=artist if isinstance(artist, str) else None,
        plain=plain if isinstance(plain, str) else None,
        synced=synced,
        instrumental=bool(entry.get("instrumental")),
    )
