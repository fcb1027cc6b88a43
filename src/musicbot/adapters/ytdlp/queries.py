"""What a user typed -> what yt-dlp should be asked: a web URL, a local file, or search words."""

from __future__ import annotations

import enum
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from musicbot.application.errors import InvalidQuery, TrackUnavailable

MAX_QUERY_LENGTH = 2048
LOCAL_FILES_REFUSED = "local files can only be played from the console"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Schemes that are never search words even without `//` ("javascript:alert(1)"). Anything else followed by
# `:` and no `//` stays search words, so "Queen: Bohemian Rhapsody" still searches.
_SLASHLESS_SCHEMES = frozenset(
    {"about", "blob", "data", "file", "javascript", "mailto", "sms", "tel", "vbscript", "view-source"}
)
_PATH_PREFIXES = ("/", "~", "./", "../")
# Search prefixes a user may type ("scsearch:lofi"). yt-dlp has no YouTube Music or Bandcamp search key;
# its other keys (gvsearch, yvsearch, nicosearch...) are no music sources.
SEARCH_PREFIXES = ("ytsearch", "scsearch")
_EXPLICIT_SEARCH = re.compile(rf"^({'|'.join(SEARCH_PREFIXES)})(?:\d+|all)?:(.*)$", re.IGNORECASE | re.DOTALL)


class QueryKind(enum.Enum):
    URL = "url"
    LOCAL = "local"
    SEARCH = "search"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    kind: QueryKind
    target: str  # what yt-dlp extracts: a URL, a file:// URL or a search pseudo-URL
    original: str
    local_path: Path | None = None


def parse_query(text: str, *, default_search: str, allow_local_files: bool) -> Query:
    """Classify `text`; raises InvalidQuery for what must not reach yt-dlp at all."""
    query = text.strip()
    if query.startswith("<") and query.endswith(">"):
        query = query[1:-1].strip()  # Discord users wrap links in <...> to hide the embed
    if not query:
        raise InvalidQuery("tell me what to play: a link or some search words")
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidQuery(f"that is too long ({len(query)} characters, at most {MAX_QUERY_LENGTH})")

    if allow_local_files:
        query = _unquoted_path(query)
    scheme_match = _SCHEME.match(query)
    scheme = scheme_match.group(1).lower() if scheme_match else None
    has_authority = scheme is not None and query[len(scheme) + 1 :].startswith("//")
    if scheme in {"http", "https"}:
        if not urlsplit(query).hostname:
            raise InvalidQuery("that link has no host name")
        return Query(kind=QueryKind.URL, target=query, original=text)
    if scheme == "file":
        return _local(Path(url2pathname(urlsplit(query).path)), original=text, allowed=allow_local_files)
    if scheme is not None and len(scheme) > 1 and (has_authority or scheme in _SLASHLESS_SCHEMES):
        raise InvalidQuery(f"I can only play http(s) links, not {scheme}: ones")
    if query.startswith(_PATH_PREFIXES) or (allow_local_files and _is_file(query)):
        # Existence is checked only when local files are allowed: otherwise the answer would let a Discord
        # user probe which files exist on the host.
        return _local(Path(query).expanduser(), original=text, allowed=allow_local_files)
    return Query(kind=QueryKind.SEARCH, target=search_target(query, default_search=default_search), original=text)


def search_target(words: str, *, default_search: str, limit: int = 1) -> str:
    """yt-dlp's pseudo-URL for the best `limit` results: `ytsearch5:words`, or the user's allowed prefix."""
    terms = words.strip()
    prefix = default_search
    if match := _EXPLICIT_SEARCH.match(terms):
        prefix, terms = match.group(1).lower(), match.group(2).strip()
    if not terms:
        raise InvalidQuery("tell me what to search for")
    return f"{prefix}{max(limit, 1)}:{terms}"


def _local(path: Path, *, original: str, allowed: bool) -> Query:
    if not allowed:
        raise InvalidQuery(LOCAL_FILES_REFUSED)
    resolved = path.resolve()
    if not resolved.is_file():
        raise TrackUnavailable(f"there is no file at {str(path)[:150]}")
    return Query(kind=QueryKind.LOCAL, target=resolved.as_uri(), original=original, local_path=resolved)


def _unquoted_path(text: str) -> str:
    """A path as a terminal pastes or drops it ('/music/My Song.mp3', /music/My\\ Song.mp3), unquoted; anything
    else as it is (search words keep their quotes: "say my name")."""
    if not (text[:1] in "'\"" or "\\" in text):
        return text
    try:
        words = shlex.split(text)
    except ValueError:  # an unbalanced quote: words, not a path
        return text
    if len(words) != 1:
        return text
    path = words[0]
    return path if path.startswith(_PATH_PREFIXES) or path.lower().startswith("file:") or _is_file(path) else text


def _is_file(text: str) -> bool:
    try:
        return Path(text).expanduser().is_file()
    except (OSError, ValueError):
        return False
