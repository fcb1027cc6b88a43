"""The composition root: the only place that knows concrete classes.

The driving adapter supplies the audio output (`gateway`) and how events reach users (`events`); everything
else is built from settings.
"""

from __future__ import annotations

import functools

from dependency_injector import containers, providers

from musicbot.adapters.lrclib import LrclibLyricsSource
from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.adapters.spotify import MissingCredentialsCatalog, SpotipyCatalog, build_spotify_catalog
from musicbot.adapters.sql import Database, create_database, default_database_url, unit_of_work_factory
from musicbot.adapters.sql.lyrics_cache import SqlAlchemyLyricsCache
from musicbot.adapters.sql.monitoring import DatabaseErrors, DatabaseProbe
from musicbot.adapters.system_clock import SystemClock
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.admin.access import OwnerPolicy
from musicbot.application.guild.auto_leave import AutoLeave, AutoLeaveTimeouts
from musicbot.application.guild.music_channel import MusicChannelRule
from musicbot.application.guild.player_setup import ApplySavedSettings
from musicbot.application.guild.saved_settings import MAX_AUTO_LEAVE_SECONDS
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.settings import GuildSettingsStore, SettingsDefaults
from musicbot.application.guild.settings_change import ChangeGuildSettings
from musicbot.application.guild.settings_show import ShowGuildSettings
from musicbot.application.guild.stay_connected import SetStayConnected
from musicbot.application.guild.voice_rules import VoiceRules
from musicbot.application.guild.vote_skip import VoteSkip
from musicbot.application.history.record import RecordPlay
from musicbot.application.history.recorder import HistoryRecordingEvents, PlayHistoryRecorder
from musicbot.application.lyrics.find import FindLyrics
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.application.monitoring.measured_source import MeasuredSource
from musicbot.application.playback.audio_filter import SetAudioFilter
from musicbot.application.playback.back import BackSong
from musicbot.application.playback.join import JoinVoice
from musicbot.application.playback.leave import LeaveVoice
from musicbot.application.playback.now_playing import ShowNowPlaying
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.play import PlaySong
from musicbot.application.playback.player import ChangeListener, GuildPlayer
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerFactory, PlayerRegistry
from musicbot.application.playback.repeat import SetRepeat
from musicbot.application.playback.replay import ReplaySong
from musicbot.application.playback.resume import ResumePlayback
from musicbot.application.playback.seek import SeekSong
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.playback.skip import SkipSong
from musicbot.application.playback.skip_to import SkipTo
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.playback.volume import SetVolume
from musicbot.application.playlists.add import AddToPlaylist
from musicbot.application.playlists.autocomplete import AutocompletePlaylists
from musicbot.application.playlists.common import PlaylistLimits
from musicbot.application.playlists.create import CreatePlaylist
from musicbot.application.playlists.delete import DeletePlaylist
from musicbot.application.playlists.export import ExportPlaylist
from musicbot.application.playlists.importing import ImportPlaylist
from musicbot.application.playlists.list import ListPlaylists
from musicbot.application.playlists.remove import RemoveFromPlaylist
from musicbot.application.playlists.save_queue import SaveQueueAsPlaylist
from musicbot.application.playlists.show import ShowPlaylist
from musicbot.application.playlists.use import UsePlaylist
from musicbot.application.ports import Clock, PlaybackEvents, VoiceGateway
from musicbot.application.queue.clear import ClearQueue
from musicbot.application.queue.load_playlist import BatchLimits, LoadPlaylist
from musicbot.application.queue.move import MoveSong
from musicbot.application.queue.remove import RemoveSong
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.application.queue.tidy import RemoveDuplicates, SetFairQueue
from musicbot.application.queue.view import ViewQueue
from musicbot.application.recommendation.cached_candidates import CachedCandidates
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.events import RecommendationEvents
from musicbot.application.recommendation.heard import PlayerQueueHeard
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.queue_tracks import QueueTracks
from musicbot.application.recommendation.radio import Radio
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.recommend import Recommend
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.recommendation.stored_history import StoredListeningHistory
from musicbot.application.saved_queues.live_queues import LiveQueues, no_text_channel
from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.saved_queues.restore_all import RestoreQueues
from musicbot.application.saved_queues.resume import ResumeQueue
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver
from musicbot.application.sources.search import SearchSongs
from musicbot.application.support.processing.pool import ProcessingPool
from musicbot.application.support.resilience.retry import RetryPolicy
from musicbot.application.support.resilience.settings import ResilienceSettings
from musicbot.application.support.resilience.source import ResilientSource
from musicbot.application.support.resilience.source_keys import search_source_for
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.listener_services import USER_AGENT, ListenerServices
from musicbot.entrypoints.recommendations import (
    IntentReader,
    candidate_sources,
    close_recommendations,
    deezer_source,
    recommendation_settings,
)
from musicbot.entrypoints.services import PlaybackServices, PlaylistServices, RecommendationServices, RuleServices
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.shared_state import shared_state
from musicbot.entrypoints.storage import Storage


def player_factory(
    *,
    gateway: VoiceGateway,
    preparer: SongPreparer,
    clock: Clock,
    events: PlaybackEvents,
    settings: PlayerSettings,
    on_change: ChangeListener | None = None,
) -> PlayerFactory:
    def make(guild_id: GuildId, channel_id: ChannelId) -> GuildPlayer:
        return GuildPlayer(
            guild_id=guild_id,
            channel_id=channel_id,
            gateway=gateway,
            preparer=preparer,
            clock=clock,
            events=events,
            settings=settings,
            on_change=on_change,
        )

    return make


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


def database_url(settings: Settings) -> str:
    """MUSICBOT_DATABASE_URL, or SQLite in the data directory."""
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    return default_database_url(settings.data_dir)


def guild_setting_defaults(settings: Settings) -> SettingsDefaults:
    """What a guild that never chose gets: the bot-wide volume and idle time."""
    idle = min(round(settings.idle_timeout), MAX_AUTO_LEAVE_SECONDS)
    return SettingsDefaults(volume=settings.default_volume, auto_leave_seconds=idle)


def database(settings: Settings) -> Database:
    return create_database(
        database_url(settings), synchronous=settings.database_synchronous, pool_size=settings.database_pool_size
    )


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    gateway: providers.Dependency[VoiceGateway] = providers.Dependency()
    events: providers.Dependency[PlaybackEvents] = providers.Dependency()
    allow_local_files = providers.Object(False)

    clock = providers.Singleton(SystemClock)
    # Operations: one metrics registry per process, the event loop's lag, who owns the bot, the database's health.
    metrics = providers.Singleton(PrometheusMetrics)
    loop_watch = providers.Singleton(LoopWatch, metrics)
    owners = providers.Singleton(OwnerPolicy, settings.provided.owner_ids)
    # Storage: one engine per process; each use-case opens a unit of work per command.
    database = providers.Singleton(database, settings)
    uow_factory = providers.Singleton(unit_of_work_factory, database)
    database_probe = providers.Singleton(DatabaseProbe, database, providers.Singleton(DatabaseErrors, database))
    # Live queues are saved in the background on every change (the driver may say where each guild talks);
    # plays are recorded off the hot path. `storage` (at the end) starts, resumes and closes them.
    text_channel_of = providers.Object(no_text_channel)
    queue_saver = providers.Singleton(QueueSaver, uow_factory)
    live_queues = providers.Singleton(
        LiveQueues,
        queue_saver,
        providers.Singleton(QueueSnapshotter, clock),
        text_channel_of=text_channel_of,
        enabled=False,  # until `storage.start` found the database usable
    )
    play_history = providers.Singleton(
        PlayHistoryRecorder, providers.Factory(RecordPlay, uow_factory, clock), enabled=False
    )
    # What other processes share (Redis), each part None without MUSICBOT_REDIS_URL.
    shared = providers.Singleton(shared_state, settings)
    # Per-guild settings: read from storage on a guild's first use, written through on change (and announced).
    guild_settings = providers.Singleton(
        GuildSettingsStore,
        uow_factory,
        defaults=providers.Singleton(guild_setting_defaults, settings),
        changes=shared.provided.settings_feed,
    )
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
        allow_private_urls=settings.provided.allow_private_urls,
        ffmpeg_path=settings.provided.ffmpeg_path,
    )
    player_settings = providers.Singleton(
        PlayerSettings,
        max_queue_size=settings.provided.max_queue_size,
        history_size=settings.provided.history_size,
        max_song_attempts=settings.provided.max_song_attempts,
        default_volume=settings.provided.default_volume,
        max_query_length=settings.provided.max_query_length,
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
    resilient = providers.Singleton(ResilientSource, measured_source, clock=clock, settings=resilience_settings)
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
    # Recommendations read the guild's listening history from storage; radio tops the queue up as songs start,
    # so the players' events go through it (its arguments are set below, once the registry exists).
    recommendation_settings = providers.Singleton(recommendation_settings, settings)
    listening_history = providers.Singleton(
        StoredListeningHistory, uow_factory, clock=clock, plays=settings.provided.recommend_history_plays
    )
    radio = providers.Singleton(Radio)
    player_events = providers.Singleton(
        RecommendationEvents,
        providers.Singleton(HistoryRecordingEvents, events, play_history),
        history=listening_history,
        radio=radio.provider,
        clock=clock,
        record_plays=False,  # HistoryRecordingEvents records each play, in the background
    )
    registry = providers.Singleton(
        PlayerRegistry,
        gateway=gateway,
        factory=providers.Singleton(
            player_factory,
            gateway=gateway,
            preparer=preparer,
            clock=clock,
            events=player_events,
            settings=player_settings,
            on_change=live_queues.provided.changed,
        ),
        setup=providers.Singleton(ApplySavedSettings, guild_settings),
    )
    playback = providers.Singleton(
        PlaybackServices,
        registry=registry,
        join=providers.Factory(JoinVoice, registry),
        leave=providers.Factory(LeaveVoice, registry),
        play=providers.Factory(
            PlaySong,
            registry=registry,
            preparer=preparer,
            max_query_length=settings.provided.max_query_length,
            metrics=metrics,
        ),
        pause=providers.Factory(PausePlayback, registry),
        resume=providers.Factory(ResumePlayback, registry),
        skip=providers.Factory(SkipSong, registry),
        skip_to=providers.Factory(SkipTo, registry),
        stop=providers.Factory(StopPlayback, registry),
        seek=providers.Factory(SeekSong, registry),
        volume=providers.Factory(SetVolume, registry, guild_settings),
        repeat=providers.Factory(SetRepeat, registry, guild_settings),
        shuffle=providers.Factory(ShuffleQueue, registry),
        remove=providers.Factory(RemoveSong, registry),
        move=providers.Factory(MoveSong, registry),
        clear=providers.Factory(ClearQueue, registry),
        queue=providers.Factory(ViewQueue, registry),
        now_playing=providers.Factory(ShowNowPlaying, registry),
        load_playlist=providers.Factory(
            LoadPlaylist,
            registry=registry,
            preparer=preparer,
            lister=sources,
            pool=pool,
            events=events,
            clock=clock,
            limits=providers.Factory(
                BatchLimits,
                max_entries=settings.provided.playlist_max_entries,
                chunk_size=settings.provided.batch_chunk_size,
                max_query_length=settings.provided.max_query_length,
            ),
        ),
    )

    # The rules of a shared voice channel: per-guild state lives in these two singletons.
    guild_sessions = providers.Singleton(GuildSessions, clock=clock)
    rules = providers.Singleton(
        RuleServices,
        voice=providers.Factory(VoiceRules, registry),
        vote_skip=providers.Factory(
            VoteSkip, registry=registry, sessions=guild_sessions, ratio=settings.provided.skip_vote_ratio
        ),
        auto_leave=providers.Singleton(
            AutoLeave,
            registry=registry,
            sessions=guild_sessions,
            settings=guild_settings,
            clock=clock,
            timeouts=providers.Factory(AutoLeaveTimeouts, alone=settings.provided.alone_timeout),
            keep_queue=live_queues.provided.keep,  # a bot disconnected by someone keeps its queue saved
        ),
        stay_connected=providers.Factory(SetStayConnected, guild_settings),
        show_settings=providers.Factory(ShowGuildSettings, guild_settings),
        change_settings=providers.Factory(ChangeGuildSettings, guild_settings, registry),
        music_channel=providers.Factory(MusicChannelRule, guild_settings),
        sessions=guild_sessions,
        guild_settings=guild_settings,
    )

    # Saved playlists: each command is one unit of work.
    playlist_limits = providers.Singleton(
        PlaylistLimits,
        max_tracks=settings.provided.max_playlist_size,
        max_playlists=settings.provided.max_playlists_per_guild,
    )
    playlists = providers.Singleton(
        PlaylistServices,
        create=providers.Factory(CreatePlaylist, uow_factory, limits=playlist_limits),
        add=providers.Factory(AddToPlaylist, uow_factory, sources, max_query_length=settings.provided.max_query_length),
        remove=providers.Factory(RemoveFromPlaylist, uow_factory),
        use=providers.Factory(UsePlaylist, uow_factory),
        show=providers.Factory(ShowPlaylist, uow_factory),
        list=providers.Factory(ListPlaylists, uow_factory),
        delete=providers.Factory(DeletePlaylist, uow_factory),
        autocomplete=providers.Factory(AutocompletePlaylists, uow_factory),
        save_queue=providers.Factory(SaveQueueAsPlaylist, uow_factory, registry, limits=playlist_limits),
        export=providers.Factory(ExportPlaylist, uow_factory, clock),
        import_=providers.Factory(ImportPlaylist, uow_factory, limits=playlist_limits),
        queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
    )

    # Recommendations: words -> intent (OpenRouter when a key is set, the lexicon otherwise and on any failure)
    # -> candidates from search (cached), the guild's history and, with Spotify credentials, Spotify search
    # (cached) -> ranking with variety -> the queue.
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
            ),
            providers.Singleton(HistoryCandidates, listening_history),
            catalog=catalog,
            clock=clock,
            settings=settings,
            deezer=deezer,
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
    radio.add_kwargs(
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
        queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
        uses_ai=intent_reader.provided.uses_ai,
        aclose=providers.Factory(functools.partial, close_recommendations, intent_reader, recommender, deezer),
    )

    storage = providers.Singleton(
        Storage,
        url=providers.Callable(database_url, settings),
        database=database,
        live_queues=live_queues,
        history=play_history,
        restore=providers.Factory(RestoreQueues, uow_factory),
        resume=providers.Factory(ResumeQueue, registry, player_settings),
        registry=registry,
        checkpoint_every=settings.provided.queue_checkpoint_seconds,
        migrate=providers.Callable(lambda chosen: chosen == "upgrade", settings.provided.database_migrate),
    )

    # What listeners asked for next: audio filters (kept per guild), ...
    # Lyrics come from LRCLIB (httpx, closed at shutdown), cached in the database.
    lyrics_source = providers.Singleton(
        LrclibLyricsSource,
        user_agent=USER_AGENT,
        base_url=settings.provided.lrclib_url,
        timeout=settings.provided.lrclib_timeout,
    )
    listener = providers.Singleton(
        ListenerServices,
        audio_filter=providers.Factory(SetAudioFilter, registry, guild_settings),
        lyrics=providers.Factory(
            FindLyrics,
            registry=registry,
            source=lyrics_source,
            cache=providers.Singleton(SqlAlchemyLyricsCache, database, clock),
        ),
        back=providers.Factory(BackSong, registry),
        replay=providers.Factory(ReplaySong, registry),
        remove_duplicates=providers.Factory(RemoveDuplicates, registry),
        fair_queue=providers.Factory(SetFairQueue, registry, guild_settings),
        search=providers.Factory(SearchSongs, sources, max_query_length=settings.provided.max_query_length),
        queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
        aclose=lyrics_source.provided.aclose,
    )
