"""`MissingCredentialsCatalog`: Spotify links still recognised, answered with what the admin has to set."""

from __future__ import annotations

from musicbot.adapters.spotify.links import parse_link
from musicbot.application.errors import TrackUnavailable
from musicbot.application.source_ports import Listing

MISSING_CREDENTIALS = (
    "Spotify links need the bot's admin to set MUSICBOT_SPOTIFY_CLIENT_ID and MUSICBOT_SPOTIFY_CLIENT_SECRET; "
    "everything else works"
)


class MissingCredentialsCatalog:
    """Stands in for `SpotipyCatalog` when no credentials are configured: users learn why, nothing else breaks.

    Without it a Spotify link would fall through to yt-dlp, whose Spotify "support" is a DRM error.
    """

    def handles(self, query: str) -> bool:
        return parse_link(query) is not None

    async def lookup(self, url: str, *, limit: int) -> Listing:
        raise TrackUnavailable(MISSING_CREDENTIALS)

    def close(self) -> None:
        """Nothing to release; here so the container can close either catalogue alike."""
