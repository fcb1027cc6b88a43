"""Recommendations for the bot's unit tests: the real use-cases over a fake search and an in-memory history."""

from __future__ import annotations

from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.heard import PlayerQueueHeard
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.offline import LexiconIntentExtractor
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.radio import Radio
from musicbot.application.recommendation.radio_switch import SwitchRadio
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.recommend import Recommend
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.entrypoints.services import RecommendationServices
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.unit.application.recommendation.doubles import FakeSearch
from tests.unit.application.wiring import App


async def _nothing() -> None:
    return None


def recommendation_services(app: App, *, search: FakeSearch | None = None) -> RecommendationServices:
    settings = RecommendationSettings()
    history = InMemoryListeningHistory()
    source = CombinedCandidates(
        [SearchCandidates(search or FakeSearch()), HistoryCandidates(history)], timeout=settings.source_timeout
    )
    picker = SongPicker(source=source, history=history, heard=PlayerQueueHeard(app.registry), settings=settings)
    limiter = SlidingWindowRateLimiter(
        limit=settings.rate_limit,
        window=settings.rate_window,
        burst=settings.burst,
        burst_window=settings.burst_window,
        clock=app.clock,
    )
    radio = Radio(picker=picker, history=history, registry=app.registry, preparer=app.preparer, settings=settings)
    return RecommendationServices(
        recommend=Recommend(
            extractor=FallbackIntentExtractor(None, LexiconIntentExtractor()),
            picker=picker,
            limiter=limiter,
            clock=app.clock,
            settings=settings,
        ),
        radio=radio,
        switch_radio=SwitchRadio(registry=app.registry, radio=radio),
        queue_tracks=QueueTracks(registry=app.registry, preparer=app.preparer),
        uses_ai=False,
        aclose=_nothing,
    )
