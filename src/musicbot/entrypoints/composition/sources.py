"""Where songs come from: yt-dlp (each real resolution timed and its failures noted) behind caches, single
flight, retries and a circuit breaker per source; Spotify links read from the catalogue and mapped by search;
the processing pool and the preparer that turns a request into a playable song."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.adapters.spotify import MissingCredentialsCatalog, SpotipyCatalog, build_spotify_catalog
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.monitoring.measured_source import MeasuredSource
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver
from musicbot.application.support.clock import Clock
from musicbot.application.support.processing.pool import ProcessingPool
from musicbot.application.support.resilience.retry import RetryPolicy
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.application.support.resilience.source import ResilientSource
from musicbot.application.support.resilience.source_keys import search_source_for
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.shared_state import SharedState


def spotify_catalog(settings: Settings) -> SpotipyCatalog | MissingCredentialsCatalog:
    secret = settings.spotify_client_secret
    return build_spotify_catalog(
        client_id=settings.spotify_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        api_url=settings.spotify_api_url,
        token_url=settings.spotify_token_url,
        timeout=settings.spotify_timeout,
        request_timeout=settings.spotify_request_timeout,
        max_workers=settings.spotify_workers,
    )


class Sources(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    metrics: providers.Dependency[PrometheusMetrics] = providers.Dependency()
    allow_local_files: providers.Dependency[bool] = providers.Dependency()
    shared: providers.Dependency[SharedState] = providers.Dependency()

    resolver = providers.Singleton(
        YtDlpTrackResolver,
        clock=clock,
        default_search=settings.provided.default_search,
        timeout=settings.provided.resolve_timeout,
        allow_local_files=allow_local_files,
        cookies_file=settings.provided.ytdlp_cookies_file,
        extra_options=settings.provided.ytdlp_options,
        max_workers=settings.provided.resolver_workers,
        processes=settings.provided.resolver_processes,
        warm_within=settings.provided.resolver_warm_timeout,
        allow_private_urls=settings.provided.allow_private_urls,
        ffmpeg_path=settings.provided.ffmpeg_path,
    )
    resilience_settings = providers.Singleton(
        ResilienceSettings,
        retry_attempts=settings.provided.resolve_retry_attempts,
        retry_base_delay=settings.provided.resolve_retry_base_delay,
        retry_max_delay=settings.provided.resolve_retry_max_delay,
        breaker_failure_threshold=settings.provided.breaker_failure_threshold,
        breaker_reset_after=settings.provided.breaker_reset_after,
        cache_max_entries=settings.provided.resolve_cache_size,
        cache_track_ttl=settings.provided.resolve_cache_ttl,
        cache_query_ttl=settings.provided.resolve_cache_query_ttl,
        cache_negative_ttl=settings.provided.resolve_negative_ttl,
        stream_margin=settings.provided.stream_margin,
        search_cache_ttl=settings.provided.search_cache_ttl,
        listing_cache_ttl=settings.provided.listing_cache_ttl,
        search_source=providers.Callable(search_source_for, settings.provided.default_search),
    )
    # yt-dlp (each real resolution timed and its failures noted) behind caches, single flight, retries and a
    # circuit breaker per source.
    measured_source = providers.Singleton(
        MeasuredSource,
        resolver,
        metrics=metrics,
        clock=clock,
        search_source=providers.Callable(search_source_for, settings.provided.default_search),
    )
    resilient = providers.Singleton(
        ResilientSource, measured_source, clock=clock, settings=resilience_settings, shared=shared.provided.cache
    )
    song_retry = providers.Singleton(
        RetryPolicy,
        max_attempts=settings.provided.max_song_attempts,
        base_delay=settings.provided.resolve_retry_base_delay,
        max_delay=settings.provided.resolve_retry_max_delay,
    )
    catalog = providers.Singleton(spotify_catalog, settings)
    # Every source behind one object: Spotify links are read from the catalogue and mapped by search.
    sources = providers.Singleton(
        CatalogAwareResolver,
        resilient,
        catalog,
        min_score=settings.provided.match_min_score,
        candidates=settings.provided.match_candidates,
    )
    pool = providers.Singleton(
        ProcessingPool,
        workers=settings.provided.processing_workers,
        max_pending=settings.provided.processing_queue_limit,
    )
    preparer = providers.Singleton(
        SongPreparer,
        resolver=sources,
        clock=clock,
        max_attempts=settings.provided.max_song_attempts,
        pool=pool,
        backoff=song_retry.provided.delay,
    )
