"""`DeezerApi`: the three calls of Deezer's public API recommendations use, over httpx, trusting nothing.

    GET /search/artist?q=<name>&limit=n    artists by name, best match first
    GET /search?q=<words>&limit=n          songs by words (to find the artist of a song named as an example)
    GET /artist/<id>/related?limit=n       artists Deezer finds similar
    GET /artist/<id>/radio?limit=n         songs by the artist and similar ones (Deezer's "artist mix")

Deezer answers some errors with status 200 and `{"error": {...}}` (quota: code 4); those, other statuses,
time-outs, transport errors and anything not shaped as documented are a `DeezerUnavailable`. Three such failures
in a row open a circuit breaker: Deezer is not asked for a minute (each request then costs nothing), so a Deezer
that hangs cannot slow every recommendation by its time-out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from musicbot.application.errors import TrackUnavailable
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.circuit_breaker import CircuitBreaker

DEFAULT_BASE_URL = "https://api.deezer.com"


class DeezerUnavailable(TrackUnavailable):
    """Deezer did not answer usefully (down, slow, rate-limited, or answered nonsense)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Deezer: {reason}", transient=True)


@dataclass(frozen=True, slots=True)
class DeezerArtist:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class DeezerTrack:
    title: str
    artist: DeezerArtist
    duration: float | None
    link: str | None


class DeezerApi:
    def __init__(
        self,
        *,
        clock: Clock,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 4.0,
        client: httpx.AsyncClient | None = None,
        breaker_threshold: int = 3,
        breaker_reset_after: float = 60.0,
    ) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, not {timeout}")
        self.breaker = CircuitBreaker(
            "deezer", failure_threshold=breaker_threshold, reset_after=breaker_reset_after, clock=clock
        )
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._client = client or httpx.AsyncClient()
        self._owns_client = client is None
        self.requests = 0

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def search_artists(self, name: str, *, limit: int = 5) -> list[DeezerArtist]:
        return [_artist(item) for item in await self._data("/search/artist", {"q": name, "limit": limit})]

    async def search_tracks(self, words: str, *, limit: int = 5) -> list[DeezerTrack]:
        return [_track(item) for item in await self._data("/search", {"q": words, "limit": limit})]

    async def related(self, artist_id: int, *, limit: int = 20) -> list[DeezerArtist]:
        return [_artist(item) for item in await self._data(f"/artist/{artist_id}/related", {"limit": limit})]

    async def radio(self, artist_id: int, *, limit: int = 25) -> list[DeezerTrack]:
        return [_track(item) for item in await self._data(f"/artist/{artist_id}/radio", {"limit": limit})]

    async def _data(self, path: str, params: dict[str, Any]) -> list[Any]:
        return await self.breaker.call(lambda: self._get(path, params))

    async def _get(self, path: str, params: dict[str, Any]) -> list[Any]:
        self.requests += 1
        try:
            response = await self._client.get(self._base + path, params=params, timeout=self._timeout)
        except httpx.TimeoutException:
            raise DeezerUnavailable(f"no answer within {self._timeout:g} s") from None
        except httpx.HTTPError as error:
            raise DeezerUnavailable(f"{type(error).__name__}: {error}") from None
        if response.status_code != 200:
            raise DeezerUnavailable(f"status {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise DeezerUnavailable("the answer is not JSON") from None
        if not isinstance(body, dict):
            raise DeezerUnavailable("the answer is not a JSON object")
        if "error" in body:
            raise DeezerUnavailable(f"error {str(body['error'])[:200]}")
        data = body.get("data")
        if not isinstance(data, list):
            raise DeezerUnavailable("the answer has no data list")
        return data


def _artist(item: object) -> DeezerArtist:
    if not isinstance(item, dict):
        raise DeezerUnavailable("an artist is not an object")
    artist_id, name = item.get("id"), item.get("name")
    if not isinstance(artist_id, int) or isinstance(artist_id, bool) or not isinstance(name, str) or not name.strip():
        raise DeezerUnavailable("an artist has no id or name")
    return DeezerArtist(artist_id, " ".join(name.split()))


def _track(item: object) -> DeezerTrack:
    if not isinstance(item, dict):
        raise DeezerUnavailable("a track is not an object")
    title = item.get("title_short") or item.get("title")
    if not isinstance(title, str) or not title.strip():
        raise DeezerUnavailable("a track has no title")
    duration = item.get("duration")
    seconds = float(duration) if isinstance(duration, int | float) and not isinstance(duration, bool) else None
    link = item.get("link")
    return DeezerTrack(
        " ".join(title.split()),
        _artist(item.get("artist")),
        seconds if seconds is not None and seconds >= 0 else None,
        link if isinstance(link, str) else None,
    )
