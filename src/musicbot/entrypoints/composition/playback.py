"""The players and the playback use-cases: the one part that needs the driver's audio output (`gateway`).

What the players record goes to the message bus (`entrypoints/event_handlers.py`): `bus` is a getter, since its
handlers (radio, auto-leave, the queue saver) need the registry built here; the root hands over the bus's
provider, looked up when the first player is made."""

from __future__ import annotations

import random
from collections.abc import Callable

from dependency_injector import containers, providers

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.application.guild.cycle_repeat import CycleRepeat
from musicbot.application.guild.player_setup import ApplySavedSettings
from musicbot.application.guild.repeat import SetRepeat
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.guild.volume import SetVolume
from musicbot.application.playback.join import JoinVoice
from musicbot.application.playback.leave import LeaveVoice
from musicbot.application.playback.now_playing import ShowNowPlaying
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.play import PlaySong
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.ports import VoiceGateway
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerFactory, PlayerRegistry
from musicbot.application.playback.resume import ResumePlayback
from musicbot.application.playback.seek import SeekSong
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.playback.skip import SkipSong
from musicbot.application.playback.skip_to import SkipTo
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.playback.toggle_pause import TogglePause
from musicbot.application.queue.clear import ClearQueue
from musicbot.application.queue.load_playlist import BatchLimits, LoadPlaylist
from musicbot.application.queue.move import MoveSong
from musicbot.application.queue.remove import RemoveSong
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.application.queue.view import ViewQueue
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver
from musicbot.application.support.clock import Clock
from musicbot.application.support.messagebus import MessageBus
from musicbot.application.support.processing.pool import ProcessingPool
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.services import PlaybackServices
from musicbot.entrypoints.settings import Settings


def player_factory(
    *,
    gateway: VoiceGateway,
    preparer: SongPreparer,
    clock: Clock,
    bus: Callable[[], MessageBus],
    settings: PlayerSettings,
    rng: Callable[[], random.Random] = random.Random,
) -> PlayerFactory:
    """`rng`: each player's own source of shuffles (unseeded; the unit tests' wiring seeds it)."""

    def make(guild_id: GuildId, channel_id: ChannelId) -> GuildPlayer:
        return GuildPlayer(
            guild_id=guild_id,
            channel_id=channel_id,
            gateway=gateway,
            preparer=preparer,
            clock=clock,
            bus=bus(),
            settings=settings,
            rng=rng(),
        )

    return make


class Playback(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    gateway: providers.Dependency[VoiceGateway] = providers.Dependency()
    bus: providers.Dependency[Callable[[], MessageBus]] = providers.Dependency()
    clock: providers.Dependency[Clock] = providers.Dependency()
    metrics: providers.Dependency[PrometheusMetrics] = providers.Dependency()
    preparer: providers.Dependency[SongPreparer] = providers.Dependency()
    sources: providers.Dependency[CatalogAwareResolver] = providers.Dependency()
    pool: providers.Dependency[ProcessingPool] = providers.Dependency()
    guild_settings: providers.Dependency[GuildSettingsStore] = providers.Dependency()

    player_settings = providers.Singleton(
        PlayerSettings,
        max_queue_size=settings.provided.max_queue_size,
        history_size=settings.provided.history_size,
        max_song_attempts=settings.provided.max_song_attempts,
        default_volume=settings.provided.default_volume,
        max_query_length=settings.provided.max_query_length,
    )
    # Named so that a wiring (the unit tests') can put its own in: the shuffles' randomness, what a new player is
    # given (the guild's saved settings).
    shuffle_rng = providers.Object(random.Random)
    player_setup = providers.Singleton(ApplySavedSettings, guild_settings)
    registry = providers.Singleton(
        PlayerRegistry,
        gateway=gateway,
        factory=providers.Singleton(
            player_factory,
            gateway=gateway,
            preparer=preparer,
            clock=clock,
            bus=bus,
            settings=player_settings,
            rng=shuffle_rng,
        ),
        setup=player_setup,
    )
    play = providers.Factory(
        PlaySong,
        registry=registry,
        preparer=preparer,
        max_query_length=player_settings.provided.max_query_length,
        metrics=metrics,
    )
    playback = providers.Singleton(
        PlaybackServices,
        registry=registry,
        join=providers.Factory(JoinVoice, registry),
        leave=providers.Factory(LeaveVoice, registry),
        play=play,
        pause=providers.Factory(PausePlayback, registry),
        resume=providers.Factory(ResumePlayback, registry),
        toggle_pause=providers.Factory(TogglePause, registry),
        skip=providers.Factory(SkipSong, registry),
        skip_to=providers.Factory(SkipTo, registry),
        stop=providers.Factory(StopPlayback, registry),
        seek=providers.Factory(SeekSong, registry),
        volume=providers.Factory(SetVolume, registry, guild_settings),
        repeat=providers.Factory(SetRepeat, registry, guild_settings),
        cycle_repeat=providers.Factory(CycleRepeat, registry, guild_settings),
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
            bus=bus.provided.call(),
            clock=clock,
            limits=providers.Factory(
                BatchLimits,
                max_entries=settings.provided.playlist_max_entries,
                chunk_size=settings.provided.batch_chunk_size,
                max_query_length=settings.provided.max_query_length,
            ),
        ),
    )
