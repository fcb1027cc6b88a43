"""Spotify links and URIs -> (kind, id), recognised without any I/O."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

OPEN_SPOTIFY = "https://open.spotify.com"


class LinkKind(enum.StrEnum):
    TRACK = "track"
    ALBUM = "album"
    PLAYLIST = "playlist"
    ARTIST = "artist"


# open.spotify.com/{kind}/{id}, with the undocumented "intl-xx/" segment and any "?si=..." share suffix.
_URL = re.compile(
    r"^(?:https?://)?open\.spotify\.com/(?:intl-[a-z]{2}(?:-[a-z]{2})?/)?"
    r"(?P<kind>track|album|playlist|artist)/(?P<id>[0-9A-Za-z]{1,40})/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# spotify:{kind}:{id}, and the old spotify:user:{name}:playlist:{id} form.
_URI = re.compile(r"^spotify:(?:user:[^:\s]+:)?(?P<kind>track|album|playlist|artist):(?P<id>[0-9A-Za-z]{1,40})$")


@dataclass(frozen=True, slots=True)
class SpotifyLink:
    kind: LinkKind
    id: str

    @property
    def url(self) -> str:
        """The canonical open.spotify.com URL: what users can open and what tracks keep as their page URL."""
        return f"{OPEN_SPOTIFY}/{self.kind}/{self.id}"


def parse_link(query: str) -> SpotifyLink | None:
    """The Spotify entity a link or URI names, or None when `query` is not one we read."""
    text = query.strip()
    match = _URL.match(text) or _URI.match(text)
    if match is None:
        return None
    return SpotifyLink(LinkKind(match["kind"].lower()), match["id"])


def track_url(track_id: str) -> str:
    return SpotifyLink(LinkKind.TRACK, track_id).url
