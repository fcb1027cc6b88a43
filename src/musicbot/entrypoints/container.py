"""The composition root: the only place that knows concrete classes.

The driving adapter supplies the audio output (`gateway`) and how events reach users (`events`); everything
else is built from settings.
"""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.adapters.system_clock import SystemClock
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerFactory, PlayerRegistry
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.ports import Clock, PlaybackEvents, VoiceGateway
from musicbot.application.use_cases.clear import ClearQueue
from musicbot.application.use_cases.join import JoinVoice
from musicbot.application.use_cases.leave import LeaveVoice
from musicbot.application.use_cases.move import MoveSong
from musicbot.application.use_cases.now_playing import ShowNowPlaying
from musicbot.application.use_cases.pause import PausePlayback
from musicbot.application.use_cases.play import PlaySong
from musicbot.application.use_cases.queue_view import ViewQueue
from musicbot.application.use_cases.remove import RemoveSong
from musicbot.application.use_cases.repeat import SetRepeat
from musicbot.application.use_cases.resume import ResumePlayback
from musicbot.application.use_cases.seek import SeekSong
from musicbot.application.use_cases.shuffle import ShuffleQueue
from musicbot.application.use_cases.skip import SkipSong
from musicbot.application.use_cases.skip_to import SkipTo
from musicbot.application.use_cases.stop import StopPlayback
from musicbot.application.use_cases.volume import SetVolume
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.services import PlaybackServices
from musicbot.entrypoints.settings import Settings


def player_factory(
    *,
    gateway: VoiceGateway,
    preparer: SongPreparer,
    clock: Clock,
    events: PlaybackEvents,
    settings: PlayerSettings,
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
        )

    return make


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    gateway: providers.Dependency[VoiceGateway] = providers.Dependency()
    events: providers.Dependency[PlaybackEvents] = providers.Dependency()
    allow_local_files = providers.Object(False)

    clock = providers.Singleton(SystemClock)
    resolver = providers.Singleton(
        YtDlpTrackResolver,
        clock=clock,
        default_search=settings.provided.default_search,
        timeout=settings.provided.resolve_timeout,
        allow_local_files=allow_local_files,
        cookies_file=settings.provided.ytdlp_cookies_file,
        extra_options=settings.provided.ytdlp_options,
        max_workers=settings.provided.resolver_workers,
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
    preparer = providers.Singleton(
        SongPreparer, resolver=resolver, clock=clock, max_attempts=settings.provided.max_song_attempts
    )
    registry = providers.Singleton(
        PlayerRegistry,
        gateway=gateway,
        factory=providers.Singleton(
            player_factory, gateway=gateway, preparer=preparer, clock=clock, events=events, settings=player_settings
        ),
    )
    playback = providers.Singleton(
        PlaybackServices,
        registry=registry,
        join=providers.Factory(JoinVoice, registry),
        leave=providers.Factory(LeaveVoice, registry),
        play=providers.Factory(
            PlaySong, registry=registry, preparer=preparer, max_query_length=settings.provided.max_query_length
        ),
        pause=providers.Factory(PausePlayback, registry),
        resume=providers.Factory(ResumePlayback, registry),
        skip=providers.Factory(SkipSong, registry),
        skip_to=providers.Factory(SkipTo, registry),
        stop=providers.Factory(StopPlayback, registry),
        seek=providers.Factory(SeekSong, registry),
        volume=providers.Factory(SetVolume, registry),
        repeat=providers.Factory(SetRepeat, registry),
        shuffle=providers.Factory(ShuffleQueue, registry),
        remove=providers.Factory(RemoveSong, registry),
        move=providers.Factory(MoveSong, registry),
        clear=providers.Factory(ClearQueue, registry),
        queue=providers.Factory(ViewQueue, registry),
        now_playing=providers.Factory(ShowNowPlaying, registry),
    )
