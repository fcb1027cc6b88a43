"""`HistoryCandidates`: what this server already listens to, for the intent: songs often played together with
what played last, the seed artists' songs it knows, and what the people in the voice channel play most.
"""

from __future__ import annotations

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, Candidate, ListeningHistory
from musicbot.application.recommendation.songs import same_artist, song_key
from musicbot.application.recommendation.text import tokens
from musicbot.domain.track import Track

_OFF_TOPIC = 0.5  # a history song that matches nothing in a specific request is worth half as much


class HistoryCandidates:
    def __init__(self, history: ListeningHistory, *, seeds: int = 5, name: str = "history") -> None:
        if seeds < 1:
            raise ValueError("at least one recent song to start from")
        self.name = name
        self._history = history
        self._seeds = seeds

    async def candidates(self, intent: MusicIntent, *, limit: int, audience: Audience) -> list[Candidate]:
        guild = audience.guild_id
        recent = [record.track for record in await self._history.recent(guild, self._seeds)]
        scored: dict[str, tuple[Track, float]] = {}

        def offer(track: Track, score: float) -> None:
            if not self._fits(track, intent):
                score *= _OFF_TOPIC
            known = scored.get(track.page_url)
            if known is None or known[1] < score:
                scored[track.page_url] = (track, min(score, 1.0))

        together = await self._history.played_together(guild, recent, limit) if recent else []
        most = max((times for _, times in together), default=1)
        for track, times in together:
            offer(track, 0.5 + 0.3 * times / most)
        favourites = await self._history.played_by(guild, frozenset(), limit * 4)
        for track, _ in favourites:
            key = song_key(track)
            if any(same_artist(artist, key) for artist in intent.seed_artists):
                offer(track, 0.75)
        if audience.listeners:
            theirs = await self._history.played_by(guild, audience.listeners, limit)
            most = max((times for _, times in theirs), default=1)
            for track, times in theirs:
                offer(track, 0.45 + 0.2 * times / most)
        ordered = sorted(scored.values(), key=lambda pair: (-pair[1], pair[0].page_url))
        return [Candidate(track=track, source=self.name, score=score) for track, score in ordered[:limit]]

    @staticmethod
    def _fits(track: Track, intent: MusicIntent) -> bool:
        if intent.is_empty:
            return True
        key = song_key(track)
        if any(same_artist(artist, key) for artist in intent.seed_artists):
            return True
        words = set(tokens(f"{track.title} {track.artist or ''}"))
        wanted = {w for text in (*intent.genres, *intent.moods, *intent.keywords) for w in tokens(text) if len(w) > 2}
        return bool(words & wanted)
