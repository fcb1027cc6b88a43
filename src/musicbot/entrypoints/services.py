"""The use-cases a driving adapter (the console, the Discord bot) is given, bundled for its constructor."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from musicbot.application.guild_state.sessions import GuildSessions
from musicbot.application.guild_state.settings import GuildSettingsStore
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.recommendation.queue_tracks import QueueTracks
from musicbot.application.recommendation.radio import Radio
from musicbot.application.recommendation.recommend import Recommend
from musicbot.application.use_cases.auto_leave import AutoLeave
from musicbot.application.use_cases.clear import ClearQueue
from musicbot.application.use_cases.guild_settings_change import ChangeGuildSettings
from musicbot.application.use_cases.guild_settings_show import ShowGuildSettings
from musicbot.application.use_cases.join import JoinVoice
from musicbot.application.use_cases.leave import LeaveVoice
from musicbot.application.use_cases.load_playlist import LoadPlaylist
from musicbot.application.use_cases.move import MoveSong
from musicbot.application.use_cases.music_channel import MusicChannelRule
from musicbot.application.use_cases.now_playing import ShowNowPlaying
from musicbot.application.use_cases.pause import PausePlayback
from musicbot.application.use_cases.play import PlaySong
from musicbot.application.use_cases.playlist_add import AddToPlaylist
from musicbot.application.use_cases.playlist_autocomplete import AutocompletePlaylists
from musicbot.application.use_cases.playlist_create import CreatePlaylist
from musicbot.application.use_cases.playlist_delete import DeletePlaylist
from musicbot.application.use_cases.playlist_export import ExportPlaylist
from musicbot.application.use_cases.playlist_import import ImportPlaylist
from musicbot.application.use_cases.playlist_list import ListPlaylists
from musicbot.application.use_cases.playlist_remove import RemoveFromPlaylist
from musicbot.application.use_cases.playlist_save_queue import SaveQueueAsPlaylist
from musicbot.application.use_cases.playlist_show import ShowPlaylist
from musicbot.application.use_cases.playlist_use import UsePlaylist
from musicbot.application.use_cases.queue_view import ViewQueue
from musicbot.application.use_cases.remove import RemoveSong
from musicbot.application.use_cases.repeat import SetRepeat
from musicbot.application.use_cases.resume import ResumePlayback
from musicbot.application.use_cases.seek import SeekSong
from musicbot.application.use_cases.shuffle import ShuffleQueue
from musicbot.application.use_cases.skip import SkipSong
from musicbot.application.use_cases.skip_to import SkipTo
from musicbot.application.use_cases.stay_connected import SetStayConnected
from musicbot.application.use_cases.stop import StopPlayback
from musicbot.application.use_cases.voice_rules import VoiceRules
from musicbot.application.use_cases.volume import SetVolume
from musicbot.application.use_cases.vote_skip import VoteSkip


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaybackServices:
    registry: PlayerRegistry
    join: JoinVoice
    leave: LeaveVoice
    play: PlaySong
    pause: PausePlayback
    resume: ResumePlayback
    skip: SkipSong
    skip_to: SkipTo
    stop: StopPlayback
    seek: SeekSong
    volume: SetVolume
    repeat: SetRepeat
    shuffle: ShuffleQueue
    remove: RemoveSong
    move: MoveSong
    clear: ClearQueue
    queue: ViewQueue
    now_playing: ShowNowPlaying
    load_playlist: LoadPlaylist


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleServices:
    """The rules of a shared voice channel (who controls the player, vote-skip, auto-leave, 24/7) and the guild's
    settings (kept across restarts; `guild_settings` is loaded on a guild's first use)."""

    voice: VoiceRules
    vote_skip: VoteSkip
    auto_leave: AutoLeave
    stay_connected: SetStayConnected
    show_settings: ShowGuildSettings
    change_settings: ChangeGuildSettings
    music_channel: MusicChannelRule
    sessions: GuildSessions
    guild_settings: GuildSettingsStore


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistServices:
    """Saved playlists of a guild, and queueing their (light) tracks into the player."""

    create: CreatePlaylist
    add: AddToPlaylist
    remove: RemoveFromPlaylist
    use: UsePlaylist
    show: ShowPlaylist
    list: ListPlaylists
    delete: DeletePlaylist
    autocomplete: AutocompletePlaylists
    save_queue: SaveQueueAsPlaylist
    export: ExportPlaylist
    import_: ImportPlaylist
    queue_tracks: QueueTracks


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendationServices:
    """Songs from plain words, radio, and queueing the (light) tracks recommended."""

    recommend: Recommend
    radio: Radio
    queue_tracks: QueueTracks
    uses_ai: bool  # an AI service reads requests (else the offline lexicon alone)
    # Run once at shutdown: closes the AI service's HTTP client.
    aclose: Callable[[], Awaitable[None]]
