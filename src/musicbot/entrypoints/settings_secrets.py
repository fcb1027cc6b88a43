"""The values in the settings that logs must never show (`logs.register_secrets` scrubs them)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from musicbot.entrypoints.settings import Settings


def secret_values(settings: Settings) -> Iterator[str]:
    """What must never be printed: the token, the keys, the database's and Redis's passwords."""
    for secret in (settings.discord_token, settings.spotify_client_secret, settings.openrouter_api_key):
        if secret is not None:
            yield secret.get_secret_value()
    if settings.secret_key is not None:  # each key of a rotation list too
        yield from (key.strip() for key in settings.secret_key.get_secret_value().split(",") if key.strip())
    for url in (settings.database_url, settings.redis_url):
        if url is not None and (password := _password(url.get_secret_value())):
            yield password


def _password(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:
        return None
