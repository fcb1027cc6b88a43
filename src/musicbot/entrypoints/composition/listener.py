"""What listeners asked for next: audio filters (kept per guild), lyrics (LRCLIB over httpx, closed at
shutdown, cached in the database), back, replay, tidying the queue, search."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.adapters.lrclib import LrclibLyricsSource
from musicbot.adapters.sql import Database
from musicbot.adapters.sql.lyrics_cache import SqlAlchemyLyricsCache
from musicbot.application.guild.audio_filter import SetAudioFilter
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.lyrics.find import FindLyrics
from musicbot.application.playback.back import BackSong
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.replay import ReplaySong
from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.queue.search_request import SearchToQueue
from musicbot.application.queue.tidy import RemoveDuplicates, SetFairQueue
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver
from musicbot.application.sources.search import SearchSongs
from musicbot.application.support.clock import Clock
from musicbot.entrypoints.listener_services import USER_AGENT, ListenerServices
from musicbot.entrypoints.settings import Settings


class ListenerExtras(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    database: providers.Dependency[Database] = providers.Dependency()
    registry: providers.Dependency[PlayerRegistry] = providers.Dependency()
    guild_settings: providers.Dependency[GuildSettingsStore] = providers.Dependency()
    sources: providers.Dependency[CatalogAwareResolver] = providers.Dependency()
    preparer: providers.Dependency[SongPreparer] = providers.Dependency()

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
        search_to_queue=providers.Factory(
            SearchToQueue,
            registry=registry,
            search=providers.Factory(SearchSongs, sources, max_query_length=settings.provided.max_query_length),
        ),
        queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
        aclose=lyrics_source.provided.aclose,
    )
