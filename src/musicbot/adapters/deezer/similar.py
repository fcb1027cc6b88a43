"""`DeezerSimilarCandidates`: songs like the artists (or songs) a request names, from Deezer, no Spotify needed.

For each name the request gives as an example (at most `seeds` of them): the Deezer artist of that name, else
the artist of the song of that name ("songs like Blinding Lights" is The Weeknd's song); then that artist's radio
(songs by them and by similar artists) and related artists, asked at once. A radio song by a related artist is a
closer fit than one by anybody else. An intent without names costs no request.

The songs are light SEARCH tracks ("Artist - Title"): the preparer finds each on the streaming source when its
turn comes, as for a song asked for by name. Deezer failing raises; `CombinedCandidates` then goes on with search
and history.
"""

from __future__ import annotations

import asyncio
import logging

from musicbot.adapters.deezer.api import DeezerApi, DeezerArtist, DeezerTrack
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate
from musicbot.application.sources.matching import normalise
from musicbot.domain.track import SourceKind, Track

log = logging.getLogger(__name__)

_POSITION_DECAY = 0.04
_RELATED, _OTHER = 0.85, 0.7  # first-place scores: a related artist's song, anybody else's


class DeezerSimilarCandidates:
    def __init__(self, api: DeezerApi, *, seeds: int = 2, per_seed: int = 25, name: str = "deezer") -> None:
        if seeds < 1 or per_seed < 1:
            raise ValueError("at least one seed and one song per seed")
        self.name = name
        self._api = api
        self._seeds = seeds
        self._per_seed = per_seed

    async def aclose(self) -> None:
        await self._api.aclose()

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        names = [*intent.seed_artists, *(seed.artist or seed.title for seed in intent.seed_tracks)]
        names = list(dict.fromkeys(names))[: self._seeds]
        if not names:
            return []
        batches = await asyncio.gather(*(self._for(name) for name in names), return_exceptions=True)
        found: dict[str, Candidate] = {}
        errors = [batch for batch in batches if isinstance(batch, BaseException)]
        for batch in batches:
            if isinstance(batch, BaseException):
                continue
            for candidate in batch:
                known = found.get(candidate.track.page_url)
                if known is None or known.score < candidate.score:
                    found[candidate.track.page_url] = candidate
        if errors and len(errors) == len(batches):
            raise errors[0]
        return sorted(found.values(), key=lambda c: (-c.score, c.track.page_url))[:limit]

    async def _for(self, name: str) -> list[Candidate]:
        artist = await self._artist(name)
        if artist is None:
            log.info("deezer knows no artist or song named %r", name)
            return []
        radio, related = await asyncio.gather(
            self._api.radio(artist.id, limit=self._per_seed), self._api.related(artist.id, limit=20)
        )
        close = {normalise(other.name) for other in related} | {normalise(artist.name)}
        candidates = []
        for position, song in enumerate(radio):
            top = _RELATED if normalise(song.artist.name) in close else _OTHER
            candidates.append(
                Candidate(track=_light(song), source=self.name, score=top / (1 + _POSITION_DECAY * position))
            )
        return candidates

    async def _artist(self, name: str) -> DeezerArtist | None:
        """The artist called `name`; else the artist of the song called `name` (a name may be either)."""
        wanted = normalise(name)
        for artist in await self._api.search_artists(name):
            if normalise(artist.name) == wanted:
                return artist
        for song in await self._api.search_tracks(name):
            if normalise(song.title) == wanted:
                return song.artist
        return None


def _light(song: DeezerTrack) -> Track:
    """A track the preparer looks up by its artist and title when it is queued."""
    query = f"{song.artist.name} - {song.title}"
    return Track(
        title=song.title, artist=song.artist.name, duration=song.duration, page_url=query, source=SourceKind.SEARCH
    )
