"""What each kind of Spotify link becomes, read with a blocking spotipy client (called on a worker thread).

Only endpoints a new app may still call (DESIGN.md): single track/album/artist, album tracks, playlist
metadata and items (owned playlists only), search (10 a page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spotipy.exceptions import SpotifyException  # type: ignore[import-untyped, unused-ignore]

from musicbot.adapters.spotify.errors import PLAYLIST_REFUSED
from musicbot.adapters.spotify.links import LinkKind, SpotifyLink
from musicbot.adapters.spotify.mapping import (
    Json,
    artist_names,
    has_artist,
    largest_image,
    playlist_entry_track,
    track_from_json,
)
from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.domain.track import Track

PAGE_SIZE = 50  # the most album tracks and playlist items Spotify gives a page
SEARCH_PAGE_SIZE = 10  # the most search results a page since 2026-02
ARTIST_NOTE = (
    "Spotify no longer gives bots an artist's top tracks, so these are the artist's songs as Spotify search ranks them."
)
_PLAYLIST_FIELDS = "id,name,owner(id,display_name),images"
_EXTRA_SEARCH_PAGES = 2  # search mixes in other artists' songs; a couple more pages make up for them
ARTIST_MAX_TRACKS = 50  # 7 searches at most: an artist link stays quick, and search ranks the best first

Client = Any  # spotipy.Spotify: untyped
EntryMapper = Callable[[object], Track | None]


def read(client: Client, link: SpotifyLink, limit: int) -> Listing:
    readers = {
        LinkKind.TRACK: read_track,
        LinkKind.ALBUM: read_album,
        LinkKind.PLAYLIST: read_playlist,
        LinkKind.ARTIST: read_artist,
    }
    return readers[link.kind](client, link, max(1, limit))


def read_track(client: Client, link: SpotifyLink, limit: int) -> Listing:
    track = track_from_json(client.track(link.id))
    if track is None:
        raise TrackUnavailable("this Spotify track has nothing the bot can look for (a local file?)")
    # The track's own URL as the listing's: how a single-song listing is told from a one-song album.
    return Listing(title=track.title, url=track.page_url, entries=(track,))


def read_album(client: Client, link: SpotifyLink, limit: int) -> Listing:
    album: Json = client.album(link.id)
    cover = largest_image(album.get("images"))
    entries, skipped = _collect(
        client, album.get("tracks"), limit, lambda item: track_from_json(item, album_image=cover)
    )
    by = artist_names(album.get("artists"))
    title = f"{album.get('name') or 'Spotify album'}" + (f" ({by})" if by else "")
    return Listing(title=title, url=link.url, entries=entries, skipped=skipped)


def read_playlist(client: Client, link: SpotifyLink, limit: int) -> Listing:
    playlist: Json = client.playlist(link.id, fields=_PLAYLIST_FIELDS, additional_types=("track",))
    try:
        first = client.playlist_items(link.id, limit=PAGE_SIZE, additional_types=("track",))
    except SpotifyException as error:
        # The metadata was there, so a refusal here is the 2026 rule: items only for the owner's playlists.
        if error.http_status in {403, 404}:
            raise TrackUnavailable(PLAYLIST_REFUSED) from error
        raise
    entries, skipped = _collect(client, first, limit, playlist_entry_track)
    title = str(playlist.get("name") or "Spotify playlist")
    return Listing(title=title, url=link.url, entries=entries, skipped=skipped)


def read_artist(client: Client, link: SpotifyLink, limit: int) -> Listing:
    artist: Json = client.artist(link.id)
    name = str(artist.get("name") or "").strip()
    if not name:
        raise NoResults(link.url)
    query = 'artist:"{}"'.format(name.replace('"', " "))
    limit = min(limit, ARTIST_MAX_TRACKS)
    entries: dict[str, Track] = {}
    offset = 0
    for _ in range(-(-limit // SEARCH_PAGE_SIZE) + _EXTRA_SEARCH_PAGES):
        page = (client.search(q=query, type="track", limit=SEARCH_PAGE_SIZE, offset=offset) or {}).get("tracks") or {}
        items = page.get("items") or []
        for item in items:
            track = track_from_json(item) if has_artist(item, link.id) else None
            if track is not None:
                entries.setdefault(track.page_url, track)
        offset += len(items)
        if len(entries) >= limit or not items or not page.get("next"):
            break
    return Listing(title=name, url=link.url, entries=tuple(entries.values())[:limit], note=ARTIST_NOTE)


def _collect(client: Client, page: object, limit: int, to_track: EntryMapper) -> tuple[tuple[Track, ...], int]:
    """Up to `limit` tracks from a paging object and the pages after it; and how many entries were left out."""
    entries: list[Track] = []
    seen = 0
    total: int | None = None
    while isinstance(page, dict):
        total = page["total"] if isinstance(page.get("total"), int) else total
        for item in page.get("items") or []:
            seen += 1
            track = to_track(item)
            if track is not None:
                entries.append(track)
                if len(entries) >= limit:
                    break
        if len(entries) >= limit or not page.get("next"):
            break
        page = client.next(page)
    skipped = max(total if total is not None else seen, seen) - len(entries)
    return tuple(entries), skipped
