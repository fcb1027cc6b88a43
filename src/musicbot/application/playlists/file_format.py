"""The playlist file format, version 1: what `playlist export` writes and `playlist import` accepts.

    {
      "format": "musicbot-playlist",
      "version": 1,
      "name": "Road trip",
      "exported_at": "2025-01-01T12:00:00+00:00",
      "tracks": [
        {"title": "Song", "artist": "Band", "duration": 215.0, "source": "youtube",
         "page_url": "https://www.youtube.com/watch?v=...", "thumbnail": "https://i.ytimg.com/..."}
      ]
    }

`artist`, `duration` (seconds) and `thumbnail` may be null or left out; `source` is one of youtube, soundcloud,
bandcamp, spotify, http, search (`page_url` then holds search words). Stream URLs are never part of a file.
Imports are checked whole before anything is saved: the file's size, the format and version, the name (the
same rules as a playlist created by hand), the number of tracks, and each field's type and length; unknown
fields are refused, so a mistyped field is not silently lost. `local` tracks (`page_url` a file:// URI) are
refused unless the importer allows local files (the console, whose user owns the host's files): a file from
elsewhere must not make the bot read files on its host.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from musicbot.application.storage_errors import InvalidPlaylistFile
from musicbot.domain.errors import InvalidPlaylistName, InvalidTrack
from musicbot.domain.playlist import PlaylistName
from musicbot.domain.track import SourceKind, Track

FORMAT = "musicbot-playlist"
VERSION = 1
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TEXT = 500  # characters of a title, an artist, search words
MAX_URL = 2048
MAX_DURATION = 7 * 24 * 3600.0
_TOP_FIELDS = frozenset({"format", "version", "name", "exported_at", "tracks"})
_TRACK_FIELDS = frozenset({"title", "artist", "duration", "source", "page_url", "thumbnail"})


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistFile:
    name: PlaylistName
    tracks: tuple[Track, ...]


def encode(name: PlaylistName, tracks: Sequence[Track], *, exported_at: datetime) -> str:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "name": name.value,
        "exported_at": exported_at.isoformat(),
        "tracks": [
            {
                "title": track.title,
                "artist": track.artist,
                "duration": track.duration,
                "source": track.source.value,
                "page_url": track.page_url,
                "thumbnail": track.thumbnail,
            }
            for track in tracks
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def decode(content: bytes | str, *, max_tracks: int, allow_local: bool = False) -> PlaylistFile:
    """The playlist in `content`, or `InvalidPlaylistFile` saying what is wrong with it."""
    raw = content.encode() if isinstance(content, str) else content
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidPlaylistFile(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise InvalidPlaylistFile(f"it is not JSON ({error})") from None
    if not isinstance(document, dict):
        raise InvalidPlaylistFile("it is not a musicbot playlist (expected a JSON object)")
    if document.get("format") != FORMAT:
        raise InvalidPlaylistFile(f'it is not a musicbot playlist ("format" must be "{FORMAT}")')
    if document.get("version") != VERSION:
        raise InvalidPlaylistFile(f"version {document.get('version')!r} is not supported (this bot reads {VERSION})")
    _no_unknown(document, _TOP_FIELDS, "the file")
    try:
        name = PlaylistName(_text(document, "name", MAX_TEXT, where="the file"))
    except InvalidPlaylistName as error:
        raise InvalidPlaylistFile(f"bad name: {error}") from None
    entries = document.get("tracks")
    if not isinstance(entries, list):
        raise InvalidPlaylistFile('"tracks" must be a list')
    if len(entries) > max_tracks:
        raise InvalidPlaylistFile(f"it has {len(entries)} tracks; a playlist holds at most {max_tracks}")
    tracks = tuple(_track(entry, n, allow_local=allow_local) for n, entry in enumerate(entries, start=1))
    return PlaylistFile(name=name, tracks=tracks)


def local_tracks(tracks: Sequence[Track]) -> int:
    """How many of `tracks` are files on this computer: only a console here can import and play them."""
    return sum(track.source is SourceKind.LOCAL for track in tracks)


def _track(entry: object, number: int, *, allow_local: bool) -> Track:
    where = f"track {number}"
    if not isinstance(entry, dict):
        raise InvalidPlaylistFile(f"{where} is not an object")
    _no_unknown(entry, _TRACK_FIELDS, where)
    source_name = _text(entry, "source", 16, where=where)
    try:
        source = SourceKind(source_name)
    except ValueError:
        raise InvalidPlaylistFile(f"{where}: unknown source {source_name!r}") from None
    local = source is SourceKind.LOCAL
    if local and not allow_local:
        raise InvalidPlaylistFile(f"{where} is a local file: local files cannot be imported here, only at the console")
    page_url = _text(entry, "page_url", MAX_TEXT if source is SourceKind.SEARCH else MAX_URL, where=where)
    if local and not page_url.startswith("file:///"):
        raise InvalidPlaylistFile(f"{where}: a local file's page_url must be a file:/// URI")
    if source not in {SourceKind.SEARCH, SourceKind.LOCAL} and not page_url.startswith(("https://", "http://")):
        raise InvalidPlaylistFile(f"{where}: page_url must be an http(s) link")
    thumbnail = _optional_text(entry, "thumbnail", MAX_URL, where=where)
    if thumbnail is not None and not thumbnail.startswith(("https://", "http://")):
        raise InvalidPlaylistFile(f"{where}: thumbnail must be an http(s) link")
    duration = entry.get("duration")
    if duration is not None and (
        isinstance(duration, bool)
        or not isinstance(duration, int | float)
        or not math.isfinite(duration)
        or not 0 <= duration <= MAX_DURATION
    ):
        raise InvalidPlaylistFile(f"{where}: duration must be a number of seconds (0-{MAX_DURATION:.0f}) or null")
    try:
        return Track(
            title=_text(entry, "title", MAX_TEXT, where=where),
            artist=_optional_text(entry, "artist", MAX_TEXT, where=where),
            duration=None if duration is None else float(duration),
            source=source,
            page_url=page_url,
            thumbnail=thumbnail,
        )
    except InvalidTrack as error:
        raise InvalidPlaylistFile(f"{where}: {error}") from None


def _no_unknown(entry: Mapping[str, object], known: frozenset[str], where: str) -> None:
    unknown = sorted(set(entry) - known)
    if unknown:
        raise InvalidPlaylistFile(f"{where} has unknown field(s): {', '.join(unknown)}")


def _text(entry: Mapping[str, object], field: str, limit: int, *, where: str) -> str:
    value = _optional_text(entry, field, limit, where=where)
    if value is None or not value.strip():
        raise InvalidPlaylistFile(f'{where}: "{field}" is missing or empty')
    return value


def _optional_text(entry: Mapping[str, object], field: str, limit: int, *, where: str) -> str | None:
    value = entry.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidPlaylistFile(f'{where}: "{field}" must be text')
    if len(value) > limit:
        raise InvalidPlaylistFile(f'{where}: "{field}" is longer than {limit} characters')
    if "\x00" in value:
        raise InvalidPlaylistFile(f'{where}: "{field}" holds a NUL character')
    return value
