"""Recommendations: words -> intent (OpenRouter when a key is set, the lexicon otherwise and on any failure)
-> candidates from search (cached), the guild's history and, with Spotify credentials, Spotify search (cached)
-> ranking with variety -> the queue. Radio tops the queue up from the same candidates as songs start."""

from __future__ import annotations

import functools

from dependency_injector import containers, providers

from musicbot.adapters.spotify import MissingCredentialsCatalog, SpotipyCatalog
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.heard import PlayerQueueHeard
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.ports import ListeningHistory
from musicbot.application.recommendation.radio import Radio
from musicbot.application.recommendation.radio_switch import SwitchRadio
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.recommend import Recommend
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.source import ResilientSource
from musicbot.entrypoints.recommendations import (
    IntentReader,
    candidate_sources,
    close_recommendations,
    deezer_source,
    recommendation_settings,
)
from musicbot.entrypoints.services import RecommendationServices
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.shared_state import SharedState


class Recommendations(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    shared: providers.Dependency[SharedState] = providers.Dependency()
    resilient: providers.Dependency[ResilientSource] = providers.Dependency()
    catalog: providers.Dependency[SpotipyCatalog | MissingCredentialsCatalog] = providers.Dependency()
    listening_history: providers.Dependency[ListeningHistory] = providers.Dependency()
    registry: providers.Dependency[PlayerRegistry] = providers.Dependency()
    preparer: providers.Dependency[SongPreparer] = providers.Dependency()

    recommendation_settings = providers.Singleton(recommendation_settings, settings)
    intent_reader = providers.Singleton(IntentReader, settings, clock)
    deezer = providers.Singleton(deezer_source, settings, clock)
    recommendation_candidates = providers.Singleton(
        CombinedCandidates,
        providers.Callable(
            candidate_sources,
            providers.Singleton(
                CachedCandidates,
                providers.Singleton(SearchCandidates, resilient),
                clock=clock,
                max_size=settings.provided.recommend_cache_size,
                ttl=settings.provided.recommend_cache_ttl,
                shared=shared.provided.cache,
            ),
            providers.Singleton(HistoryCandidates, listening_history),
            catalog=catalog,
            clock=clock,
            settings=settings,
            deezer=deezer,
            shared=shared.provided.cache,
        ),
        timeout=settings.provided.recommend_source_timeout,
    )
    song_picker = providers.Singleton(
        SongPicker,
        source=recommendation_candidates,
        history=listening_history,
        heard=providers.Singleton(PlayerQueueHeard, registry),
        settings=recommendation_settings,
    )
    radio = providers.Singleton(
        Radio,
        picker=song_picker,
        history=listening_history,
        registry=registry,
        preparer=preparer,
        settings=recommendation_settings,
    )
    recommend_limiter = providers.Singleton(
        SlidingWindowRateLimiter,
        limit=recommendation_settings.provided.rate_limit,
        window=recommendation_settings.provided.rate_window,
        burst=recommendation_settings.provided.burst,
        burst_window=recommendation_settings.provided.burst_window,
        clock=clock,
        shared=shared.provided.rate_window,
    )
    recommender = providers.Singleton(
        Recommend,
        extractor=intent_reader.provided.extractor,
        picker=song_picker,
        limiter=recommend_limiter,
        clock=clock,
        settings=recommendation_settings,
    )
    recommendations = providers.Singleton(
        RecommendationServices,
        recommend=recommender,
        radio=radio,
        switch_radio=providers.Factory(SwitchRadio, registry=registry, radio=radio),
        queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
        uses_ai=intent_reader.provided.uses_ai,
        aclose=providers.Factory(functools.partial, close_recommendations, intent_reader, recommender, deezer),
    )
