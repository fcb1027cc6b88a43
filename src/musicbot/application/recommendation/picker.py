"""`SongPicker`: from an intent to songs for a guild, shared by `Recommend` and `Radio`.

The ranking runs on every call, so what the guild heard in the meantime is left out even when the candidates
come from a cache (see `CachedCandidates`).
"""

from __future__ import annotations

from collections.abc import Iterable

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience, CandidateSource, ListeningHistory, RecentlyHeard
from musicbot.application.recommendation.ranking import RankingRules, rank
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.domain.track import Track


class SongPicker:
    def __init__(
        self,
        *,
        source: CandidateSource,
        history: ListeningHistory,
        heard: RecentlyHeard,
        settings: RecommendationSettings,
    ) -> None:
        self._source = source
        self._history = history
        self._heard = heard
        self._settings = settings
        self._rules = RankingRules(max_per_artist=settings.max_per_artist)

    async def pick(
        self,
        intent: MusicIntent,
        audience: Audience,
        *,
        count: int | None = None,
        recent: int | None = None,
        exclude: Iterable[Track] = (),
    ) -> list[Track]:
        """Up to `count` (the intent's by default) light tracks, leaving out the guild's queue, its last `recent`
        plays (the settings' `exclude_recent` by default) and `exclude`.
        """
        limit = self._settings.candidates_per_source
        candidates = await self._source.candidates(intent, limit=limit, audience=audience)
        window = self._settings.exclude_recent if recent is None else recent
        played = await self._history.recent(audience.guild_id, window) if window else []
        banned = [*self._heard.tracks(audience.guild_id), *(record.track for record in played), *exclude]
        return rank(candidates, intent, count=count or intent.count, exclude=banned, rules=self._rules)
