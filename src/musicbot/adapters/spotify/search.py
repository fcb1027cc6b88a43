"""Catalogue queries as Spotify search: the `q` with its field filters, read page by page (10 a page since 2026).

Spotify's query syntax: free words match titles, artists and albums; `artist:"..."`, `genre:"..."` (the
artists' genres) and `year:1990-1999` (or `year:1994`) narrow them. Called on a worker thread.
"""

from __future__ import annotations

from musicbot.adapters.spotify.mapping import track_from_json
from musicbot.adapters.spotify.readers import SEARCH_PAGE_SIZE, Client
from musicbot.application.recommendation.ports import CatalogQuery
from musicbot.domain.track import Track

MAX_SEARCH_RESULTS = 50  # five requests at most for one query


def search_text(query: CatalogQuery) -> str:
    parts = [query.words]
    if query.artist:
        parts.append(f'artist:"{_quoted(query.artist)}"')
    if query.genre:
        parts.append(f'genre:"{_quoted(query.genre)}"')
    if query.years is not None:
        start, end = query.years.start, query.years.end
        parts.append(f"year:{start}" if start == end else f"year:{start}-{end}")
    return " ".join(" ".join(parts).split())


def search_tracks(client: Client, query: CatalogQuery, limit: int) -> list[Track]:
    """Up to `limit` distinct light tracks (at most 50), in Spotify's order."""
    text = search_text(query)
    limit = min(max(1, limit), MAX_SEARCH_RESULTS)
    found: dict[str, Track] = {}
    offset = 0
    while len(found) < limit:
        size = min(SEARCH_PAGE_SIZE, limit - len(found))
        page = (client.search(q=text, type="track", limit=size, offset=offset) or {}).get("tracks") or {}
        items = page.get("items") or []
        for item in items:
            track = track_from_json(item)
            if track is not None:
                found.setdefault(track.page_url, track)
        offset += len(items)
        if not items or not page.get("next"):
            break
    return list(found.values())[:limit]


def _quoted(text: str) -> str:
    """A name inside double quotes: a quote in it would end the filter early."""
    return " ".join(text.replace('"', " ").split())
