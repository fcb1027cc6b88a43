"""The catalogue for the configured credentials: the real one, or the one that explains what is missing."""

from __future__ import annotations

from musicbot.adapters.spotify.catalog import DEFAULT_API_URL, DEFAULT_TOKEN_URL, SpotipyCatalog
from musicbot.adapters.spotify.missing import MissingCredentialsCatalog


def build_spotify_catalog(
    *,
    client_id: str | None,
    client_secret: str | None,
    api_url: str = DEFAULT_API_URL,
    token_url: str = DEFAULT_TOKEN_URL,
    timeout: float = 20.0,
    request_timeout: float = 5.0,
    max_workers: int = 2,
) -> SpotipyCatalog | MissingCredentialsCatalog:
    if not (client_id and client_id.strip() and client_secret and client_secret.strip()):
        return MissingCredentialsCatalog()
    return SpotipyCatalog(
        client_id=client_id,
        client_secret=client_secret,
        api_url=api_url,
        token_url=token_url,
        timeout=timeout,
        request_timeout=request_timeout,
        max_workers=max_workers,
    )
