"""`HttpxSpotifyMemberApi`: the Web API with a member's access token (their top items, recent plays, saved songs,
search, and playlists in their account), as development-mode apps may use it in 2026.

A 429 is waited out once when its Retry-After is short (`max_retry_after`); a longer one is handed up as
`SpotifyUnavailable(retry_after=...)` so the background refresh pauses instead of hammering.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import httpx

from musicbot.adapters.spotify.links import LinkKind, parse_link
from musicbot.adapters.spotify.mapping import track_from_json
from musicbot.application.recommendation.songs import song_key
from musicbot.application.sources.matching import best_match
from musicbot.application.spotify_accounts.errors import (
    LinkExpired,
    NotAllowListed,
    SpotifyAccountError,
    SpotifyUnavailable,
)
from musicbot.application.spotify_accounts.model import CatalogTrack, SpotifyIdentity
from musicbot.domain.track import Track

DEFAULT_API_URL = "https://api.spotify.com/v1/"
TIME_RANGES = ("short_term", "medium_term", "long_term")
MATCH_MIN_SCORE = 0.6
SEARCH_LIMIT = 5  # at most 10 a page since 2026-02


class HttpxSpotifyMemberApi:
    def __init__(
        self,
        *,
        api_url: str = DEFAULT_API_URL,
        timeout: float = 10.0,
        max_retry_after: float = 5.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._base = api_url.rstrip("/") + "/"
        self._http = client or httpx.AsyncClient(timeout=timeout)
        self._max_retry_after = max_retry_after
        self.waited = 0.0  # seconds spent honouring Retry-After (tests, /stats)

    async def me(self, access_token: str) -> SpotifyIdentity:
        body = await self._call("GET", "me", access_token)
        account_id = body.get("account_id") or body.get("id")
        if not isinstance(account_id, str) or not account_id:
            raise SpotifyAccountError("Spotify did not say which account this is; try connecting again")
        name = body.get("display_name")
        return SpotifyIdentity(account_id=account_id, display_name=name if isinstance(name, str) else None)

    async def taste(self, access_token: str) -> tuple[list[str], list[Track]]:
        artists: list[str] = []
        tracks: list[Track] = []
        for time_range in TIME_RANGES:
            query = {"time_range": time_range, "limit": "50"}
            body = await self._call("GET", "me/top/artists", access_token, params=query)
            artists.extend(a["name"] for a in _items(body) if isinstance(a.get("name"), str))
            body = await self._call("GET", "me/top/tracks", access_token, params=query)
            tracks.extend(t for t in map(track_from_json, _items(body)) if t is not None)
        for path in ("me/player/recently-played", "me/tracks"):
            body = await self._call("GET", path, access_token, params={"limit": "50"})
            tracks.extend(t for t in (track_from_json(i.get("track")) for i in _items(body)) if t is not None)
        return artists, tracks

    async def find_track(self, access_token: str, track: Track, *, isrc: str | None = None) -> CatalogTrack | None:
        link = parse_link(track.page_url)
        if link is not None and link.kind is LinkKind.TRACK:  # a Spotify song already: no search
            return CatalogTrack(uri=f"spotify:track:{link.id}", title=track.title, artist=track.artist)
        queries = [f"isrc:{isrc}"] if isrc else []
        key = song_key(track)  # "Daft Punk - One More Time (Official Video)" -> "daft punk one more time"
        queries.append(" ".join(f"{key.artist} {key.title}".split()))
        for words in queries:
            params = {"q": words, "type": "track", "limit": str(SEARCH_LIMIT)}
            body = await self._call("GET", "search", access_token, params=params)
            found = [t for t in map(track_from_json, _items(body.get("tracks") or {})) if t is not None]
            match = found[0] if words.startswith("isrc:") and found else None
            if match is None:
                best = best_match(track, found, MATCH_MIN_SCORE)
                match = best[0] if best else None
            if match is not None:
                matched = parse_link(match.page_url)
                assert matched is not None  # track_from_json builds Spotify track URLs
                return CatalogTrack(uri=f"spotify:track:{matched.id}", title=match.title, artist=match.artist)
        return None

    async def create_playlist(self, access_token: str, *, name: str, description: str) -> tuple[str, str]:
        body = await self._call(
            "POST", "me/playlists", access_token, json={"name": name, "description": description, "public": False}
        )
        playlist_id = body.get("id")
        if not isinstance(playlist_id, str):
            raise SpotifyAccountError("Spotify did not create the playlist; try again")
        url = (body.get("external_urls") or {}).get("spotify") or f"https://open.spotify.com/playlist/{playlist_id}"
        return playlist_id, str(url)

    async def add_items(self, access_token: str, playlist_id: str, uris: list[str]) -> None:
        await self._call("POST", f"playlists/{playlist_id}/items", access_token, json={"uris": uris})

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(self, method: str, path: str, token: str, **options: Any) -> dict[str, Any]:
        for attempt in range(2):
            try:
                response = await self._http.request(
                    method, self._base + path, headers={"Authorization": f"Bearer {token}"}, **options
                )
            except httpx.HTTPError as error:
                raise SpotifyUnavailable(f"could not reach Spotify ({type(error).__name__}); try again") from None
            status = response.status_code
            if status == HTTPStatus.TOO_MANY_REQUESTS:
                wait = _retry_after(response)
                if attempt == 0 and wait <= self._max_retry_after:
                    self.waited += wait
                    await asyncio.sleep(wait)
                    continue
                raise SpotifyUnavailable(f"Spotify asks to wait {wait:g} s", retry_after=wait)
            return _answer(response)
        raise AssertionError("unreachable")  # pragma: no cover


def _answer(response: httpx.Response) -> dict[str, Any]:
    status = response.status_code
    try:
        body = response.json() if response.content else {}
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    if status < 300:
        return body
    message = str((body.get("error") or {}).get("message") or "") if isinstance(body.get("error"), dict) else ""
    if status == HTTPStatus.UNAUTHORIZED:
        raise LinkExpired
    if status == HTTPStatus.FORBIDDEN and (
        "not registered" in message.lower() or "developer dashboard" in message.lower()
    ):
        raise NotAllowListed
    if status == HTTPStatus.FORBIDDEN:
        raise SpotifyAccountError(f"Spotify did not allow that ({message or 'HTTP 403'})")
    if status >= 500:
        raise SpotifyUnavailable(f"Spotify is having trouble (HTTP {status}); try again shortly")
    raise SpotifyAccountError(f"Spotify answered HTTP {status} {message}".strip())


def _retry_after(response: httpx.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0


def _items(page: object) -> list[dict[str, Any]]:
    items = page.get("items") if isinstance(page, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
