"""`HttpxSpotifyAuthorization`: Spotify's accounts service for Authorization Code with PKCE (no client secret
travels; the verifier proves the code is ours). `accounts_url` (MUSICBOT_SPOTIFY_ACCOUNTS_URL) points elsewhere
in tests.
"""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

import httpx

from musicbot.application.spotify_accounts.errors import (
    InvalidLinkState,
    LinkExpired,
    NotAllowListed,
    SpotifyAccountError,
    SpotifyUnavailable,
)
from musicbot.application.spotify_accounts.model import SpotifyTokens
from musicbot.application.support.clock import Clock

DEFAULT_ACCOUNTS_URL = "https://accounts.spotify.com"


class HttpxSpotifyAuthorization:
    def __init__(
        self,
        *,
        client_id: str,
        redirect_uri: str,
        clock: Clock,
        accounts_url: str = DEFAULT_ACCOUNTS_URL,
        timeout: float = 10.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._client_id = client_id
        self._redirect_uri = redirect_uri
        self._clock = clock
        self._base = accounts_url.rstrip("/")
        self._http = client or httpx.AsyncClient(timeout=timeout)

    def authorize_url(self, *, state: str, code_challenge: str, scopes: tuple[str, ...]) -> str:
        query = {
            "client_id": self._client_id,
            "response_type": "code",
            "redirect_uri": self._redirect_uri,
            "state": state,
            "scope": " ".join(scopes),
            "code_challenge_method": "S256",
            "code_challenge": code_challenge,
        }
        return f"{self._base}/authorize?{urlencode(query)}"

    async def exchange(self, *, code: str, code_verifier: str) -> SpotifyTokens:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self._redirect_uri,
            "client_id": self._client_id,
            "code_verifier": code_verifier,
        }
        body = await self._token(form, refreshing=False)
        return self._tokens(body, previous_refresh=None)

    async def refresh(self, tokens: SpotifyTokens) -> SpotifyTokens:
        form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token, "client_id": self._client_id}
        body = await self._token(form, refreshing=True)
        refreshed = self._tokens(body, previous_refresh=tokens.refresh_token)
        return refreshed if refreshed.scopes else SpotifyTokens(
            access_token=refreshed.access_token, refresh_token=refreshed.refresh_token,
            expires_at=refreshed.expires_at, scopes=tokens.scopes,
        )  # fmt: skip

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _token(self, form: dict[str, str], *, refreshing: bool) -> dict[str, Any]:
        try:
            response = await self._http.post(f"{self._base}/api/token", data=form)
        except httpx.HTTPError as error:
            raise SpotifyUnavailable(f"could not reach Spotify's sign-in service ({type(error).__name__})") from None
        body = _json(response)
        if response.status_code == HTTPStatus.OK and isinstance(body.get("access_token"), str):
            return body
        code = str(body.get("error") or "")
        if response.status_code == HTTPStatus.FORBIDDEN:
            raise NotAllowListed
        if code == "invalid_grant":
            raise LinkExpired if refreshing else InvalidLinkState
        if code in {"invalid_client", "unauthorized_client"}:
            raise SpotifyAccountError(
                "Spotify refused the bot's app (check MUSICBOT_SPOTIFY_CLIENT_ID and the app's redirect URI)"
            )
        if response.status_code == HTTPStatus.TOO_MANY_REQUESTS or response.status_code >= 500:
            raise SpotifyUnavailable(f"Spotify's sign-in service is busy (HTTP {response.status_code}); try again")
        raise SpotifyAccountError(f"Spotify refused the sign-in (HTTP {response.status_code} {code})".strip())

    def _tokens(self, body: dict[str, Any], *, previous_refresh: str | None) -> SpotifyTokens:
        # Refresh tokens are no longer rotated: keep the old one unless a new one comes.
        refresh = body.get("refresh_token") or previous_refresh
        if not isinstance(refresh, str):
            raise SpotifyAccountError("Spotify sent no refresh token; connect again")
        expires_in = body.get("expires_in")
        seconds = float(expires_in) if isinstance(expires_in, int | float) else 3600.0
        return SpotifyTokens(
            access_token=body["access_token"],
            refresh_token=refresh,
            expires_at=self._clock.now() + timedelta(seconds=seconds),
            scopes=frozenset(str(body.get("scope") or "").split()),
        )


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
