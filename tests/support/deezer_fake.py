"""A real HTTP fake of Deezer's public API on 127.0.0.1 (no key), answering as api.deezer.com does.

    GET /search/artist?q=&limit=     artists whose name holds every word of q, best (most fans) first
    GET /search?q=&limit=            songs whose title or artist holds every word of q
    GET /artist/{id}/related         the artists added as related to it
    GET /artist/{id}/radio           the songs added to its radio (by it and by others)

An unknown artist id gets Deezer's `{"error": {"type": "DataException", "code": 800}}` with status 200.
Switches, each for the next `times` requests: `fail_next(status)`, `garble_next()` (a body that is not JSON),
`quota_next()` (Deezer's quota error, code 4, with status 200), `wrong_shape_next()` (`data` not a list);
`delay` holds every answer back that many seconds. Every request is recorded in `requests` (path and query).
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.local_http import LocalHttpServer

Json = dict[str, Any]


@dataclass(slots=True)
class _Artist:
    id: int
    name: str
    fans: int
    related: list[int] = field(default_factory=list)
    radio: list[Json] = field(default_factory=list)


class DeezerFake:
    def __init__(self) -> None:
        self.delay = 0.0
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._artists: dict[int, _Artist] = {}
        self._tracks: list[Json] = []
        self._script: list[tuple[str, int]] = []
        self._ids = itertools.count(1000)
        self._lock = threading.Lock()
        self._server = LocalHttpServer("Deezer fake")

    @property
    def base_url(self) -> str:
        return self._server.base_url

    def __enter__(self) -> DeezerFake:
        self._server.start(_Handler, fake=self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.stop()

    def add_artist(self, name: str, *, fans: int = 1000) -> int:
        artist = _Artist(next(self._ids), name, fans)
        self._artists[artist.id] = artist
        return artist.id

    def add_track(self, title: str, artist_id: int, *, duration: int = 200) -> Json:
        artist = self._artists[artist_id]
        track_id = next(self._ids)
        track = {
            "id": track_id, "readable": True, "title": title, "title_short": title, "duration": duration,
            "link": f"https://www.deezer.com/track/{track_id}", "type": "track",
            "artist": {"id": artist.id, "name": artist.name, "type": "artist"},
        }  # fmt: skip
        self._tracks.append(track)
        return track

    def relate(self, artist_id: int, *others: int) -> None:
        self._artists[artist_id].related.extend(others)

    def add_to_radio(self, artist_id: int, *tracks: Json) -> None:
        self._artists[artist_id].radio.extend(tracks)

    def fail_next(self, status: int, *, times: int = 1) -> None:
        self._script += [("status", status)] * times

    def garble_next(self, *, times: int = 1) -> None:
        self._script += [("garbled", 200)] * times

    def quota_next(self, *, times: int = 1) -> None:
        self._script += [("quota", 200)] * times

    def wrong_shape_next(self, *, times: int = 1) -> None:
        self._script += [("shape", 200)] * times

    @property
    def stopping(self) -> threading.Event:
        return self._server.stopping

    def next_script(self) -> tuple[str, int] | None:
        with self._lock:
            return self._script.pop(0) if self._script else None

    def answer(self, path: str, query: dict[str, str]) -> Json:
        limit = int(query.get("limit", "25"))
        words = query.get("q", "").casefold().split()
        parts = path.strip("/").split("/")
        if parts == ["search", "artist"]:
            found = [a for a in self._artists.values() if all(w in a.name.casefold() for w in words)]
            found.sort(key=lambda a: -a.fans)
            return _page([{"id": a.id, "name": a.name, "nb_fan": a.fans, "type": "artist"} for a in found[:limit]])
        if parts == ["search"]:
            found_tracks = [
                t for t in self._tracks if all(w in f"{t['title']} {t['artist']['name']}".casefold() for w in words)
            ]
            return _page(found_tracks[:limit])
        if len(parts) == 3 and parts[0] == "artist" and parts[1].isdigit() and parts[2] in ("related", "radio"):
            artist = self._artists.get(int(parts[1]))
            if artist is None:
                return {"error": {"type": "DataException", "message": "no data", "code": 800}}
            if parts[2] == "radio":
                return _page(artist.radio[:limit])
            related = [self._artists[other] for other in artist.related][:limit]
            return _page([{"id": a.id, "name": a.name, "nb_fan": a.fans, "type": "artist"} for a in related])
        return {"error": {"type": "MissingParameterException", "message": "Missing parameters", "code": 501}}


def _page(items: list[Json]) -> Json:
    return {"data": items, "total": len(items)}


class _Handler(BaseHTTPRequestHandler):
    fake: DeezerFake
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(url.query).items()}
        self.fake.requests.append((url.path, query))
        if self.fake.delay and self.fake.stopping.wait(self.fake.delay):
            return None
        scripted = self.fake.next_script()
        if scripted is None:
            return self._send(200, json.dumps(self.fake.answer(url.path, query)).encode())
        kind, status = scripted
        if kind == "status":
            return self._send(status, b'{"error": "scripted"}')
        if kind == "garbled":
            return self._send(200, b"<html>upstream error</html>")
        if kind == "quota":
            return self._send(200, b'{"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}')
        return self._send(200, b'{"data": {"oops": true}}')

    def _send(self, status: int, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
