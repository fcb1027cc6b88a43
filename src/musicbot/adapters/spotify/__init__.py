"""The Spotify adapter: Spotify links -> light tracks (metadata only), mapped to playable sources elsewhere."""

from musicbot.adapters.spotify.catalog import DEFAULT_API_URL, DEFAULT_TOKEN_URL, SpotipyCatalog
from musicbot.adapters.spotify.factory import build_spotify_catalog
from musicbot.adapters.spotify.missing import MissingCredentialsCatalog

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_TOKEN_URL",
    "MissingCredentialsCatalog",
    "SpotipyCatalog",
    "build_spotify_catalog",
]
