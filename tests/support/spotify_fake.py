"""A real HTTP fake of the Spotify Web API on 127.0.0.1, speaking what spotipy 2.26 sends, as a new app sees it.

    POST /api/token                  client credentials (Basic auth); 401 `invalid_client` for a wrong secret
    GET  /v1/tracks/{id}             one track
    GET  /v1/albums/{id}             the album, its first 50 tracks embedded; /v1/albums/{id}/tracks pages on
    GET  /v1/playlists/{id}          metadata only (the 2026 rules)
    GET  /v1/playlists/{id}/items    pages of {"item": ..., "track": ...} for an owned playlist; 403 otherwise
    GET  /v1/playlists/{id}/tracks   403: the old endpoint, removed for development-mode apps
    GET  /v1/artists/{id}            one artist (its top tracks are gone: 404)
    GET  /v1/search                  type=track: plain words, `artist:"Name"`, `genre:"name"` (the artists'
                                     genres), `year:1994` or `year:1990-1999`; 400 above 10 a page

Paging objects carry absolute `next` URLs on this server, as Spotify's point at api.spotify.com. Switches:
`fail_next(status, retry_after=...)`, `delay` (seconds before each API answer), `revoke_tokens()`. Every
request is recorded in `requests`.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.support.local_http import LocalHttpServer

Json = dict[str, Any]
# Spotify's field filters: a quoted value, or one word. Other filters are words, as Spotify treats them.
_SEARCH_FILTER = re.compile(r'\b(artist|genre|year):(?:"([^"]*)"|(\S+))')
_YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    authorization: str | None


@dataclass(slots=True)
class _Playlist:
    meta: Json
    entries: list[Json]
    owned: bool
    refusal: int


@dataclass(slots=True)
class _State:
    tracks: dict[str, Json] = field(default_factory=dict)
    albums: dict[str, Json] = field(default_factory=dict)
    album_tracks: dict[str, list[Json]] = field(default_factory=dict)
    playlists: dict[str, _Playlist] = field(default_factory=dict)
    artists: dict[str, Json] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    failures: list[tuple[int, float | None]] = field(default_factory=list)


class SpotifyFake:
    def __init__(self, *, client_id: str = "fake-client", client_secret: str = "fake-secret") -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.delay = 0.0
        self.requests: list[RecordedRequest] = []
        self.state = _State()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._http = LocalHttpServer("spotify-fake")
        self._base_url = ""
        self._stopping = self._http.stopping  # wakes handlers asleep in `delay`

    # --- lifecycle ---------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        if not self._base_url:
            raise RuntimeError("the Spotify fake was never started")
        return self._base_url  # kept after stopping: a handler still asleep in `delay` may build URLs

    @property
    def api_url(self) -> str:
        return self.base_url + "/v1/"

    @property
    def token_url(self) -> str:
        return self.base_url + "/api/token"

    def __enter__(self) -> SpotifyFake:
        self._base_url = self._http.start(_Handler, fake=self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._http.stop()

    # --- data --------------------------------------------------------------------------------------------
    def add_artist(self, name: str, artist_id: str | None = None, *, genres: tuple[str, ...] = ()) -> Json:
        artist_id = artist_id or f"artist{next(self._ids)}"
        artist = {"id": artist_id, "name": name, "type": "artist", "genres": list(genres), "images": []}
        self.state.artists[artist_id] = artist
        return artist

    def add_track(
        self,
        name: str,
        *,
        artists: list[Json],
        duration_ms: int = 200_000,
        album: Json | None = None,
        release_date: str = "2020-01-01",
    ) -> Json:
        track_id = f"track{next(self._ids)}"
        album = album or self.add_album(f"{name} (single)", artists=artists, count=0, release_date=release_date)
        track = {
            "id": track_id, "name": name, "type": "track", "duration_ms": duration_ms, "is_local": False,
            "artists": [{"id": a["id"], "name": a["name"], "type": "artist"} for a in artists],
            "album": {key: album[key] for key in ("id", "name", "images", "artists", "release_date")},
        }  # fmt: skip
        self.state.tracks[track_id] = track
        self.state.album_tracks.setdefault(album["id"], []).append(track)
        return track

    def add_album(self, name: str, *, artists: list[Json], count: int, release_date: str = "2020-01-01") -> Json:
        album_id = f"album{next(self._ids)}"
        images = [{"url": f"https://i.scdn.co/image/{album_id}-{size}", "width": size, "height": size}
                  for size in (64, 640, 300)]  # fmt: skip
        album = {"id": album_id, "name": name, "type": "album", "images": images, "release_date": release_date,
                 "release_date_precision": "day",
                 "artists": [{"id": a["id"], "name": a["name"]} for a in artists]}  # fmt: skip
        self.state.albums[album_id] = album
        for number in range(1, count + 1):
            self.add_track(f"{name} song {number}", artists=artists, duration_ms=180_000 + number, album=album)
        return album

    def add_playlist(self, name: str, tracks: list[Json], *, owned: bool = True, refusal: int = 403) -> str:
        playlist_id = f"playlist{next(self._ids)}"
        meta = {"id": playlist_id, "name": name, "type": "playlist", "images": [],
                "owner": {"id": "someone" if not owned else "bot-owner", "display_name": "Someone"}}  # fmt: skip
        entries = [{"added_at": "2026-01-01T00:00:00Z", "is_local": False, "item": t, "track": t} for t in tracks]
        self.state.playlists[playlist_id] = _Playlist(meta, entries, owned, refusal)
        return playlist_id

    def add_playlist_entry(self, playlist_id: str, entry: Json) -> None:
        """A raw entry (a local file, an episode, a removed track's null) appended to a playlist."""
        self.state.playlists[playlist_id].entries.append(entry)

    # --- switches and inspection -----------------------------------------------------------------------
    def fail_next(self, status: int, *, times: int = 1, retry_after: float | None = None) -> None:
        self.state.failures.extend([(status, retry_after)] * times)

    def revoke_tokens(self) -> None:
        self.state.tokens.clear()

    def api_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.startswith("/v1/")]

    def token_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == "/api/token"]

    @property
    def stopping(self) -> threading.Event:
        return self._stopping

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)


def page(items: list[Json], *, url: str, query: dict[str, str], default_limit: int, max_limit: int) -> Json | None:
    """A paging object over `items` as `query` (limit, offset) asks, or None for a limit Spotify refuses."""
    limit, offset = int(query.get("limit", default_limit)), int(query.get("offset", 0))
    if not 1 <= limit <= max_limit:
        return None
    chunk = items[offset : offset + limit]
    kept = {k: v for k, v in query.items() if k not in {"limit", "offset"}}
    following = None
    if offset + limit < len(items):
        following = f"{url}?{urlencode({**kept, 'offset': offset + limit, 'limit': limit})}"
    return {"href": url, "items": chunk, "limit": limit, "offset": offset, "total": len(items),
            "next": following, "previous": None}  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    fake: SpotifyFake
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # the base class names it `format`
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.fake.record(RecordedRequest("POST", self.path, form, self.headers.get("Authorization")))
        if self.path != "/api/token":
            return self._error(404, "Not found")
        secret = f"{self.fake.client_id}:{self.fake.client_secret}".encode()
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(secret).decode():
            return self._send(401, {"error": "invalid_client", "error_description": "Invalid client secret"})
        if form.get("grant_type") != "client_credentials":
            return self._send(400, {"error": "unsupported_grant_type"})
        token = f"token-{time.monotonic_ns()}"
        self.fake.state.tokens.add(token)
        return self._send(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        auth = self.headers.get("Authorization")
        self.fake.record(RecordedRequest("GET", parts.path, query, auth))
        if self.fake.delay and self.fake.stopping.wait(self.fake.delay):
            return None
        state = self.fake.state
        if state.failures:
            status, retry_after = state.failures.pop(0)
            headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
            return self._error(status, "API rate limit exceeded" if status == 429 else "Server error", headers)
        if not auth or auth.removeprefix("Bearer ") not in state.tokens:
            return self._error(401, "Invalid access token")
        body = self._route(parts.path.removeprefix("/v1/").split("/"), query)
        if isinstance(body, int):
            return self._error(body, {400: "Invalid limit", 403: "Forbidden"}.get(body, "Resource not found"))
        return self._send(200, body)

    def _route(self, path: list[str], query: dict[str, str]) -> Json | int:
        state, base = self.fake.state, self.fake.api_url
        match path:
            case ["tracks", track_id]:
                return state.tracks.get(track_id, 404)
            case ["albums", album_id, *rest] if album_id in state.albums and rest in ([], ["tracks"]):
                url = f"{base}albums/{album_id}/tracks"
                simplified = [{k: v for k, v in t.items() if k != "album"} for t in state.album_tracks[album_id]]
                embedded = not rest  # the album object embeds its first 50 tracks
                asked = {} if embedded else query
                tracks = page(simplified, url=url, query=asked, default_limit=50 if embedded else 20, max_limit=50)
                return {**state.albums[album_id], "tracks": tracks} if embedded else (tracks or 400)
            case ["playlists", playlist_id] if playlist_id in state.playlists:
                return state.playlists[playlist_id].meta
            case ["playlists", playlist_id, "items"] if playlist_id in state.playlists:
                playlist = state.playlists[playlist_id]
                if not playlist.owned:
                    return playlist.refusal
                url = f"{base}playlists/{playlist_id}/items"
                return page(playlist.entries, url=url, query=query, default_limit=20, max_limit=50) or 400
            case ["playlists", _, "tracks"]:
                return 403
            case ["artists", artist_id]:
                return state.artists.get(artist_id, 404)
            case ["search"] if query.get("type") == "track":
                return self._search(query)
        return 404

    def _search(self, query: dict[str, str]) -> Json | int:
        words = query.get("q", "")
        filters = {m[1]: (m[2] if m[2] is not None else m[3]).casefold() for m in _SEARCH_FILTER.finditer(words)}
        rest = _SEARCH_FILTER.sub(" ", words).casefold().split()
        if not words.strip():
            return 400  # Spotify: "No search query"
        years = _YEARS.match(filters.get("year", ""))
        if "year" in filters and years is None:
            return 400
        found = []
        for track in self.fake.state.tracks.values():
            names = [a["name"].casefold() for a in track["artists"]]
            if "artist" in filters and not any(filters["artist"] in name for name in names):
                continue  # like Spotify, "artist:" is a fuzzy match: tribute bands come along
            if "genre" in filters and not any(filters["genre"] in genre for genre in self._genres(track)):
                continue
            if years is not None and not self._released_within(track, int(years[1]), int(years[2] or years[1])):
                continue
            text = " ".join([track["name"].casefold(), *names])
            if all(word in text for word in rest):
                found.append(track)
        tracks = page(found, url=f"{self.fake.api_url}search", query=query, default_limit=10, max_limit=10)
        return {"tracks": tracks} if tracks is not None else 400

    def _genres(self, track: Json) -> list[str]:
        artists = self.fake.state.artists
        return [genre.casefold() for a in track["artists"] for genre in artists.get(a["id"], {}).get("genres", [])]

    @staticmethod
    def _released_within(track: Json, first: int, last: int) -> bool:
        released = str(track["album"].get("release_date") or "")[:4]
        return released.isdigit() and first <= int(released) <= last

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, {"error": {"status": status, "message": message}}, headers)

    def _send(self, status: int, body: Json, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
