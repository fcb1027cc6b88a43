"""`SaveToSpotify`: a playlist in the member's own Spotify account from songs (the queue, or the last
recommendation card), each mapped to a Spotify track by search; songs Spotify lacks are counted, not fatal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from musicbot.application.spotify_accounts.errors import SpotifyAccountError
from musicbot.application.spotify_accounts.ports import SpotifyMemberApi
from musicbot.application.spotify_accounts.tokens import MemberTokens
from musicbot.domain.ids import UserId
from musicbot.domain.track import Track

MAX_NAME = 100
MAX_SONGS = 100  # one request to add them, and a bounded number of searches per command
ITEMS_PER_REQUEST = 100
SEARCHES_AT_ONCE = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveCommand:
    user_id: UserId
    name: str
    tracks: tuple[Track, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedPlaylist:
    name: str
    url: str
    saved: int
    missing: tuple[str, ...]  # songs Spotify has no match for


class SaveToSpotify:
    def __init__(self, tokens: MemberTokens, api: SpotifyMemberApi) -> None:
        self._tokens = tokens
        self._api = api

    async def execute(self, command: SaveCommand) -> SavedPlaylist:
        name = " ".join(command.name.split())
        if not name or len(name) > MAX_NAME:
            raise SpotifyAccountError(f"give the playlist a name of 1-{MAX_NAME} characters")
        if not command.tracks:
            raise SpotifyAccountError("there is nothing to save: the queue is empty and no recommendation was shown")
        token = await self._tokens.access_token(command.user_id)
        songs = command.tracks[:MAX_SONGS]
        gate = asyncio.Semaphore(SEARCHES_AT_ONCE)

        async def find(track: Track) -> str | None:
            async with gate:
                found = await self._api.find_track(token, track)
            return found.uri if found else None

        uris = await asyncio.gather(*(find(track) for track in songs))
        missing = tuple(_label(t) for t, uri in zip(songs, uris, strict=True) if uri is None)
        kept = list(dict.fromkeys(uri for uri in uris if uri is not None))
        playlist_id, url = await self._api.create_playlist(token, name=name, description="Saved from musicbot")
        for start in range(0, len(kept), ITEMS_PER_REQUEST):
            await self._api.add_items(token, playlist_id, kept[start : start + ITEMS_PER_REQUEST])
        return SavedPlaylist(name=name, url=url, saved=len(kept), missing=missing)


def _label(track: Track) -> str:
    return f"{track.artist} - {track.title}" if track.artist else track.title


def songs_to_save(queue: Sequence[Track], last_card: Sequence[Track]) -> tuple[Track, ...]:
    """The queue (current song first) when it has songs, else the last recommendation card."""
    return tuple(queue) or tuple(last_card)
