"""A real HTTP fake of OpenRouter's chat completions on 127.0.0.1 (stdlib server, one thread per request).

    POST /api/v1/chat/completions   Bearer key checked (401 otherwise); answers a chat completion whose
                                    `choices[0].message.content` is the intent as JSON

By default the "model" is the offline lexicon, so any prompt gets a sensible answer; `content` fixes the answer.
Switches, each for the next `times` requests: `fail_next(status, retry_after=...)`, `garble_next()` (content
that is not JSON), `violate_schema_next()` (JSON with wrong types and values out of range), `no_choices_next()`;
`delay` holds every answer back that many seconds. Every request is recorded in `requests`.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.offline import parse_intent
from tests.support.local_http import LocalHttpServer

Json = dict[str, Any]
PATH = "/api/v1/chat/completions"
SCHEMA_VIOLATION: Json = {
    "genres": "rock", "moods": [1, 2], "activities": [], "eras": [{"start": 1990, "end": "1999"}],
    "seed_artists": [], "seed_tracks": [], "energy": 7, "language": None, "count": 400, "keywords": [],
    "excluded_genres": [], "excluded_moods": [], "excluded_artists": [], "instrumental": "yes",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]  # names in lower case
    body: Json


@dataclass(slots=True)
class _Scripted:
    kind: str  # "status", "garbled", "schema", "no_choices"
    status: int = 200
    retry_after: str | None = None


class Sleeps:
    """Records the waits asked for and returns at once: tests never really wait for a retry."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def intent_json(intent: MusicIntent) -> Json:
    """An intent as the schema writes it."""
    return {
        "genres": list(intent.genres),
        "moods": list(intent.moods),
        "activities": list(intent.activities),
        "eras": [{"start": era.start, "end": era.end} for era in intent.eras],
        "seed_artists": list(intent.seed_artists),
        "seed_tracks": [{"title": seed.title, "artist": seed.artist} for seed in intent.seed_tracks],
        "energy": intent.energy,
        "language": intent.language,
        "count": intent.count,
        "keywords": list(intent.keywords),
        "excluded_genres": list(intent.excluded_genres),
        "excluded_moods": list(intent.excluded_moods),
        "excluded_artists": list(intent.excluded_artists),
        "instrumental": intent.instrumental,
    }


class OpenRouterFake:
    def __init__(self, *, api_key: str = "sk-or-test-key") -> None:
        self.api_key = api_key
        self.delay = 0.0
        self.content: Json | str | None = None
        self.requests: list[RecordedRequest] = []
        self._script: list[_Scripted] = []
        self._lock = threading.Lock()
        self._http = LocalHttpServer("openrouter-fake")
        self._base_url = ""
        self._stopping = self._http.stopping

    @property
    def base_url(self) -> str:
        """What the adapter takes as `base_url` (the API root, ".../api/v1")."""
        if not self._base_url:
            raise RuntimeError("the OpenRouter fake was never started")
        return self._base_url + "/api/v1"

    def __enter__(self) -> OpenRouterFake:
        self._base_url = self._http.start(_Handler, fake=self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._http.stop()

    # --- switches ------------------------------------------------------------------------------------------
    def fail_next(self, status: int, *, times: int = 1, retry_after: str | float | None = None) -> None:
        header = None if retry_after is None else str(retry_after)
        self._push(_Scripted("status", status, header), times)

    def garble_next(self, times: int = 1) -> None:
        self._push(_Scripted("garbled"), times)

    def violate_schema_next(self, times: int = 1) -> None:
        self._push(_Scripted("schema"), times)

    def no_choices_next(self, times: int = 1) -> None:
        self._push(_Scripted("no_choices"), times)

    def _push(self, scripted: _Scripted, times: int) -> None:
        with self._lock:
            self._script.extend([scripted] * times)

    def _next(self) -> _Scripted | None:
        with self._lock:
            return self._script.pop(0) if self._script else None

    def _answer(self, body: Json) -> str:
        if isinstance(self.content, str):
            return self.content
        if self.content is not None:
            return json.dumps(self.content)
        prompt = next((m.get("content", "") for m in body.get("messages", []) if m.get("role") == "user"), "")
        return json.dumps(intent_json(parse_intent(str(prompt))))


def completion(content: str, model: str) -> Json:
    return {
        "id": f"gen-{time.monotonic_ns()}", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140},
    }  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    fake: OpenRouterFake
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms wait for an ACK

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.fake.requests.append(RecordedRequest(self.path, headers, body))
        if self.fake.delay and self.fake._stopping.wait(self.fake.delay):
            return None
        if self.path != PATH:
            return self._json(404, {"error": {"message": "Not Found", "code": 404}})
        if headers.get("authorization") != f"Bearer {self.fake.api_key}":
            return self._json(401, {"error": {"message": "No auth credentials found", "code": 401}})
        model = str(body.get("model", ""))
        scripted = self.fake._next()
        if scripted is None:
            return self._json(200, completion(self.fake._answer(body), model))
        if scripted.kind == "status":
            extra = {"Retry-After": scripted.retry_after} if scripted.retry_after is not None else {}
            return self._json(scripted.status, {"error": {"message": "scripted", "code": scripted.status}}, extra)
        if scripted.kind == "garbled":
            return self._json(200, completion('{"genres": ["rock", "moods": oops', model))
        if scripted.kind == "schema":
            return self._json(200, completion(json.dumps(SCHEMA_VIOLATION), model))
        return self._json(200, {"id": "gen-x", "object": "chat.completion", "model": model, "choices": []})

    def _json(self, status: int, payload: Json, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
