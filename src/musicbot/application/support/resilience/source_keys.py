"""Which source a query or a track depends on: the key of its circuit breaker ("youtube", "http:example.com")."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from musicbot.domain.track import SourceKind, Track

LOCAL = "local"
SEARCH = "search"

# Registrable domains -> source; subdomains (music.youtube.com, artist.bandcamp.com) count as their domain.
_DOMAINS = {
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "youtube-nocookie.com": "youtube",
    "soundcloud.com": "soundcloud",
    "snd.sc": "soundcloud",
    "bandcamp.com": "bandcamp",
    "spotify.com": "spotify",
    "spotify.link": "spotify",
}
# yt-dlp search pseudo-URLs: "ytsearch:words", "scsearch5:words", "ytsearchall:words".
_SEARCH_PREFIX = re.compile(r"^(yt|ytm|sc|bc)search(\d+|all)?:", re.IGNORECASE)
_SEARCH_SOURCES = {"yt": "youtube", "ytm": "youtube", "sc": "soundcloud", "bc": "bandcamp"}
_PATH_PREFIXES = ("/", "~", "./", "../", "file:")


def search_source_for(default_search: str) -> str:
    """The source plain search words reach, given yt-dlp's `default_search` ("ytsearch" -> "youtube")."""
    match = _SEARCH_PREFIX.match(default_search.rstrip(":") + ":")
    return _SEARCH_SOURCES[match.group(1).lower()] if match else SEARCH


def source_of_query(query: str, *, search_source: str = "youtube") -> str:
    """The source that answers `query`: a known site, "http:<host>" for any other link, or the search source."""
    text = query.strip().removeprefix("<").removesuffix(">").strip()
    if text.lower().startswith(("http://", "https://")):
        try:
            host = urlsplit(text).hostname
        except ValueError:
            host = None
        return _host_source(host) if host else search_source
    if text.lower().startswith(_PATH_PREFIXES):
        return LOCAL
    match = _SEARCH_PREFIX.match(text)
    if match:
        return _SEARCH_SOURCES[match.group(1).lower()]
    return search_source


def source_of_track(track: Track, *, search_source: str = "youtube") -> str:
    if track.source in (SourceKind.SEARCH, SourceKind.HTTP):
        return source_of_query(track.page_url, search_source=search_source)
    return track.source.value


def _host_source(host: str) -> str:
    host = host.lower().rstrip(".").removeprefix("www.")
    for domain, source in _DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return source
    return f"http:{host}"
