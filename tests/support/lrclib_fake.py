"""A real HTTP fake of LRCLIB on 127.0.0.1 (stdlib server, one thread per request).

    GET /api/get?track_name=&artist_name=[&album_name=][&duration=]   one song (matched ignoring case, and by
                                                                       length within 2 s when given), else 404
    GET /api/search?q=words                                           every song whose "artist title" holds
                                                                       all the words, as LRCLIB lists them

`add(...)` puts a song in the catalogue; `down = True` answers 503 to everything (the service is away). Every
request is recorded in `requests` (path, query parameters, User-Agent).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.local_http import LocalHttpServer

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class LrclibRequest:
    path: str
    params: dict[str, str]
    user_agent: str


class LrclibFake:
    def __init__(self) -> None:
        self.songs: list[Json] = []
        self.requests: list[LrclibRequest] = []
        self.down = False
        self._lock = threading.Lock()
        self._server = LocalHttpServer("lrclib-fake")

    @property
    def base_url(self) -> str:
        return self._server.base_url

    def add(
        self,
        title: str,
        artist: str,
        *,
        duration: float,
        plain: str | None = None,
        synced: str | None = None,
        album: str = "Album",
        instrumental: bool = False,
    ) -> Json:
        entry = {
            "id": len(self.songs) + 1,
            "trackName": title,
            "artistName": artist,
            "albumName": album,
            "duration": duration,
            "instrumental": instrumental,
            "plainLyrics": plain,
            "syncedLyrics": synced,
        }
        self.songs.append(entry)
        return entry

    def paths(self) -> list[str]:
        with self._lock:
            return [request.path for request in self.requests]

    def __enter__(self) -> LrclibFake:
        self._server.start(_Handler, fake=self)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.stop()

    # --- what the handler asks ---------------------------------------------------------------------------
    def record(self, request: LrclibRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def get(self, params: dict[str, str]) -> Json | None:
        for song in self.songs:
            if song["trackName"].casefold() != params.get("track_name", "").casefold():
                continue
            if song["artistName"].casefold() != params.get("artist_name", "").casefold():
                continue
            if "duration" in params and abs(song["duration"] - float(params["duration"])) > 2:
                continue
            return song
        return None

    def search(self, words: str) -> list[Json]:
        wanted = words.casefold().split()
        return [s for s in self.songs if all(w in f"{s['artistName']} {s['trackName']}".casefold() for w in wanted)]


class _Handler(BaseHTTPRequestHandler):
    fake: LrclibFake

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        params = {name: values[0] for name, values in parse_qs(parts.query).items()}
        self.fake.record(LrclibRequest(parts.path, params, self.headers.get("User-Agent", "")))
        if self.fake.down:
            self._send(503, {"code": 503, "message": "Service Unavailable"})
        elif parts.path == "/api/get":
            found = self.fake.get(params)
            if found is None:
                self._send(404, {"code": 404, "name": "TrackNotFound", "message": "Failed to find specified track"})
            else:
                self._send(200, found)
        elif parts.path == "/api/search":
            self._send(200, self.fake.search(params.get("q", "")))
        else:
            self._send(404, {"code": 404, "message": "Not found"})

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
