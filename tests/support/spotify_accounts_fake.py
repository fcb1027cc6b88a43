"""A real HTTP fake of Spotify's accounts service and of the Web API on a member's behalf, on 127.0.0.1.

    GET  /authorize          the member "agrees" at once: 302 to redirect_uri?code=...&state=... (or
                             ?error=access_denied when `deny` is set); checks client id, S256 and the redirect URI
    POST /api/token          authorization_code (PKCE: SHA-256 of code_verifier must equal the challenge; a code
                             works once), refresh_token (not rotated; `expire_refresh_tokens()` -> invalid_grant)
    GET  /v1/me              account_id, display_name; 403 "User not registered in the Developer Dashboard" for a
                             user who is not allow-listed (every /v1 call answers so for them)
    GET  /v1/me/top/{artists,tracks}?time_range=, /v1/me/player/recently-played, /v1/me/tracks
    GET  /v1/search          type=track, plain words or isrc:...
    POST /v1/me/playlists    creates a playlist in the member's account
    POST /v1/playlists/{id}/items   {"uris": [...]}; the owner only

`fail_next(status, retry_after=)` answers the next API calls with that status. Every request is recorded.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.support.local_http import LocalHttpServer

Json = dict[str, Any]


def track_json(track_id: str, name: str, artist: str, *, isrc: str | None = None) -> Json:
    return {
        "id": track_id, "name": name, "type": "track", "duration_ms": 200_000, "is_local": False,
        "artists": [{"id": f"a-{artist}", "name": artist}], "album": {"images": []},
        "external_ids": {"isrc": isrc} if isrc else {}, "uri": f"spotify:track:{track_id}",
    }  # fmt: skip


@dataclass(slots=True)
class FakeUser:
    account_id: str
    display_name: str
    allow_listed: bool = True
    top_artists: list[str] = field(default_factory=list)
    top_tracks: list[Json] = field(default_factory=list)
    recent: list[Json] = field(default_factory=list)
    saved: list[Json] = field(default_factory=list)


@dataclass(slots=True)
class FakePlaylist:
    id: str
    owner: str
    name: str
    description: str
    public: bool
    uris: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Json


class SpotifyAccountsFake:
    def __init__(self, *, client_id: str = "member-app") -> None:
        self.client_id = client_id
        self.users: dict[str, FakeUser] = {}
        self.signed_in: str | None = None  # the account that "agrees" at /authorize
        self.deny = False
        self.access_ttl = 3600
        self.catalog: list[Json] = []
        self.playlists: dict[str, FakePlaylist] = {}
        self.requests: list[Recorded] = []
        self.failures: list[tuple[int, float | None]] = []
        self.codes: dict[str, tuple[str, str, str]] = {}  # code -> (account, challenge, redirect_uri)
        self.access: dict[str, str] = {}  # access token -> account
        self.refresh: dict[str, str] = {}  # refresh token -> account
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._http = LocalHttpServer("spotify-accounts-fake")
        self.base_url = ""

    def __enter__(self) -> SpotifyAccountsFake:
        self.base_url = self._http.start(_Handler, fake=self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._http.stop()

    @property
    def api_url(self) -> str:
        return self.base_url + "/v1/"

    def add_user(self, account_id: str, display_name: str, **options: Any) -> FakeUser:
        user = FakeUser(account_id, display_name, **options)
        self.users[account_id] = user
        self.signed_in = self.signed_in or account_id
        return user

    def expire_refresh_tokens(self) -> None:
        """Six months later, or the member removed the app: every refresh answers invalid_grant."""
        with self._lock:
            self.refresh.clear()

    def expire_access_tokens(self) -> None:
        with self._lock:
            self.access.clear()

    def fail_next(self, status: int, *, times: int = 1, retry_after: float | None = None) -> None:
        self.failures.extend([(status, retry_after)] * times)

    def calls(self, path: str, method: str | None = None) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == path and (method is None or r.method == method)]

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    def record(self, recorded: Recorded) -> None:
        with self._lock:
            self.requests.append(recorded)


class _Handler(BaseHTTPRequestHandler):
    fake: SpotifyAccountsFake
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    # --- accounts service --------------------------------------------------------------------------------
    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.fake.record(Recorded("GET", parts.path, query, {}))
        if parts.path == "/authorize":
            return self._authorize(query)
        return self._api("GET", parts.path, query, {})

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if parts.path == "/api/token":
            form = {k: v[-1] for k, v in parse_qs(raw).items()}
            self.fake.record(Recorded("POST", parts.path, {}, form))
            return self._token(form)
        body = json.loads(raw) if raw else {}
        self.fake.record(Recorded("POST", parts.path, {}, body))
        return self._api("POST", parts.path, {}, body)

    def _authorize(self, query: dict[str, str]) -> None:
        fake = self.fake
        if query.get("client_id") != fake.client_id:
            return self._send(400, {"error": "invalid_client"})
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return self._send(400, {"error": "invalid_request", "error_description": "code_challenge required"})
        redirect = query.get("redirect_uri", "")
        if urlsplit(redirect).hostname == "localhost":
            return self._send(400, {"error": "invalid_request", "error_description": "Insecure redirect URI"})
        if fake.deny or fake.signed_in is None:
            answer = {"error": "access_denied", "state": query.get("state", "")}
        else:
            code = fake.next_id("code-")
            fake.codes[code] = (fake.signed_in, query["code_challenge"], redirect)
            answer = {"code": code, "state": query.get("state", "")}
        self.send_response(302)
        self.send_header("Location", f"{redirect}?{urlencode(answer)}")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def _token(self, form: dict[str, str]) -> None:
        fake = self.fake
        if form.get("client_id") != fake.client_id:
            return self._send(400, {"error": "invalid_client", "error_description": "Invalid client"})
        grant = form.get("grant_type")
        if grant == "authorization_code":
            found = fake.codes.pop(form.get("code", ""), None)  # a code works once
            if found is None:
                return self._send(400, {"error": "invalid_grant", "error_description": "Invalid authorization code"})
            account, challenge, redirect = found
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != challenge:
                return self._send(400, {"error": "invalid_grant", "error_description": "code_verifier was incorrect"})
            if form.get("redirect_uri") != redirect:
                return self._send(400, {"error": "invalid_grant", "error_description": "Invalid redirect URI"})
            refresh = fake.next_id("refresh-")
            fake.refresh[refresh] = account
            return self._send(200, self._issue(account, refresh=refresh))
        if grant == "refresh_token":
            account = fake.refresh.get(form.get("refresh_token", ""))
            if account is None:
                return self._send(400, {"error": "invalid_grant", "error_description": "Refresh token revoked"})
            return self._send(200, self._issue(account, refresh=None))  # refresh tokens are not rotated
        return self._send(400, {"error": "unsupported_grant_type"})

    def _issue(self, account: str, *, refresh: str | None) -> Json:
        access = self.fake.next_id("access-")
        self.fake.access[access] = account
        scope = "user-top-read user-read-recently-played user-library-read playlist-modify-private"
        body: Json = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.fake.access_ttl,
            "scope": scope,
        }
        if refresh is not None:
            body["refresh_token"] = refresh
        return body

    # --- Web API ---------------------------------------------------------------------------------------
    def _api(self, method: str, path: str, query: dict[str, str], body: Json) -> None:
        fake = self.fake
        if fake.failures:
            status, retry_after = fake.failures.pop(0)
            headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
            return self._send(status, {"error": {"status": status, "message": "API rate limit exceeded"}}, headers)
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        account = fake.access.get(token)
        if account is None:
            return self._send(401, {"error": {"status": 401, "message": "The access token expired"}})
        user = fake.users[account]
        if not user.allow_listed:
            message = "User not registered in the Developer Dashboard"
            return self._send(403, {"error": {"status": 403, "message": message}})
        answer = self._route(method, path.removeprefix("/v1/").split("/"), query, body, user)
        if isinstance(answer, int):
            return self._send(answer, {"error": {"status": answer, "message": "Not found"}})
        return self._send(201 if method == "POST" else 200, answer)

    def _route(self, method: str, path: list[str], query: dict[str, str], body: Json, user: FakeUser) -> Json | int:
        fake = self.fake
        match method, path:
            case "GET", ["me"]:
                return {"id": f"user-{user.account_id}", "account_id": user.account_id,
                        "display_name": user.display_name}  # fmt: skip
            case "GET", ["me", "top", "artists"]:
                return {"items": [{"name": name, "type": "artist"} for name in user.top_artists]}
            case "GET", ["me", "top", "tracks"]:
                return {"items": user.top_tracks}
            case "GET", ["me", "player", "recently-played"]:
                return {"items": [{"track": t, "played_at": "2026-12-01T00:00:00Z"} for t in user.recent]}
            case "GET", ["me", "tracks"]:
                return {"items": [{"track": t, "added_at": "2026-12-01T00:00:00Z"} for t in user.saved]}
            case "GET", ["search"]:
                return {"tracks": {"items": self._search(query.get("q", ""))[: int(query.get("limit", 10))]}}
            case "POST", ["me", "playlists"]:
                playlist = FakePlaylist(fake.next_id("pl"), user.account_id, str(body.get("name")),
                                        str(body.get("description", "")), bool(body.get("public", True)))  # fmt: skip
                fake.playlists[playlist.id] = playlist
                return {"id": playlist.id, "name": playlist.name,
                        "external_urls": {"spotify": f"https://open.spotify.com/playlist/{playlist.id}"}}  # fmt: skip
            case "POST", ["playlists", playlist_id, "items"]:
                found = fake.playlists.get(playlist_id)
                if found is None or found.owner != user.account_id:
                    return 403
                found.uris.extend(body.get("uris", []))
                return {"snapshot_id": fake.next_id("snap")}
        return 404

    def _search(self, words: str) -> list[Json]:
        catalog = self.fake.catalog
        if words.startswith("isrc:"):
            return [t for t in catalog if t["external_ids"].get("isrc") == words[5:]]
        wanted = words.casefold().split()
        return [t for t in catalog if all(w in f"{t['name']} {t['artists'][0]['name']}".casefold() for w in wanted)]

    def _send(self, status: int, body: Json, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
