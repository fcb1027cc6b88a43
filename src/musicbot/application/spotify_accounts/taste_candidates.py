"""`TasteCandidates`: songs from the listeners' Spotify taste profiles, as a candidate source of the pipeline.

A song several listeners share ranks higher; songs by an artist the intent names, or by the listeners' top
artists, come first. With no profile among the listeners it proposes nothing and the other sources answer.
"""

from __future__ import annotations

from collections import Counter

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate
from musicbot.application.recommendation.songs import same_artist, song_key
from musicbot.application.spotify_accounts.ports import TasteProfiles
from musicbot.domain.track import Track


class TasteCandidates:
    name = "spotify-taste"

    def __init__(self, profiles: TasteProfiles) -> None:
        self._profiles = profiles

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        shared: Counter[str] = Counter()
        rank: dict[str, float] = {}
        tracks: dict[str, Track] = {}
        top_artists: list[str] = []
        members = sorted(audience.listeners)
        for user_id in members:
            profile = await self._profiles.get(user_id)
            if profile is None:
                continue
            top_artists.extend(profile.artists[:10])
            for position, track in enumerate(profile.tracks):
                tracks.setdefault(track.page_url, track)
                shared[track.page_url] += 1
                rank[track.page_url] = max(rank.get(track.page_url, 0.0), 1 - position / max(len(profile.tracks), 1))
        wanted = intent.seed_artists or tuple(top_artists)
        scored: list[tuple[float, str]] = []
        for url, track in tracks.items():
            key = song_key(track)
            # Songs the listeners play themselves start above a web search's guesses; one several of them share
            # beats any one member's favourite (a server's pick is for everyone listening).
            score = 0.55 + 0.15 * rank[url] + (0.3 if shared[url] > 1 else 0.0)
            if any(same_artist(artist, key) for artist in wanted):
                score += 0.1
            scored.append((min(score, 1.0), url))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [Candidate(track=tracks[url], source=self.name, score=score) for score, url in scored[:limit]]
