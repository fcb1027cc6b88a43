"""The use-cases a driving adapter (the console, the Discord bot) is given, bundled for its constructor."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from musicbot.application.guild.auto_leave import AutoLeave
from musicbot.application.guild.cycle_repeat import CycleRepeat
from musicbot.application.guild.music_channel import AdmitCommand
from musicbot.application.guild.repeat import SetRepeat
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.guild.settings_change import ChangeGuildSettings
from musicbot.application.guild.settings_show import ShowGuildSettings
from musicbot.application.guild.stay_connected import SetStayConnected
from musicbot.application.guild.volume import SetVolume
from musicbot.application.guild.vote_skip import VoteSkip
from musicbot.application.playback.join import JoinVoice
from musicbot.application.playback.leave import LeaveVoice
from musicbot.application.playback.now_playing import ShowNowPlaying
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.play import PlaySong
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.resume import ResumePlayback
from musicbot.application.playback.seek import SeekSong
from musicbot.application.playback.skip import SkipSong
from musicbot.application.playback.skip_to import SkipTo
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.playback.toggle_pause import TogglePause
from musicbot.application.playback.voice_rules import VoiceRules
from musicbot.application.playlists.add import AddToPlaylist
from musicbot.application.playlists.autocomplete import AutocompletePlaylists
from musicbot.application.playlists.create import CreatePlaylist
from musicbot.application.playlists.delete import DeletePlaylist
from musicbot.application.playlists.export import ExportPlaylist
from musicbot.application.playlists.importing import ImportPlaylist
from musicbot.application.playlists.list import ListPlaylists
from musicbot.application.playlists.play import PlayPlaylist
from musicbot.application.playlists.remove import RemoveFromPlaylist
from musicbot.application.playlists.save_queue import SaveQueueAsPlaylist
from musicbot.application.playlists.show import ShowPlaylist
from musicbot.application.playlists.use import UsePlaylist
from musicbot.application.queue.clear import ClearQueue
from musicbot.application.queue.load_playlist import LoadPlaylist
from musicbot.application.queue.move import MoveSong
from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.queue.remove import RemoveSong
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.application.queue.view import ViewQueue
from musicbot.application.recommendation.radio import Radio
from musicbot.application.recommendation.radio_switch import SwitchRadio
from musicbot.application.recommendation.recommend import Recommend


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaybackServices:
    registry: PlayerRegistry
    join: JoinVoice
    leave: LeaveVoice
    play: PlaySong
    pause: PausePlayback
    resume: ResumePlayback
    toggle_pause: TogglePause  # the ⏯ button
    skip: SkipSong
    skip_to: SkipTo
    stop: StopPlayback
    seek: SeekSong
    volume: SetVolume
    repeat: SetRepeat
    cycle_repeat: CycleRepeat  # the 🔁 button
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
    music_channel: AdmitCommand  # the gate a driver with text channels runs before every command
    sessions: GuildSessions
    guild_settings: GuildSettingsStore


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistServices:
    """Saved playlists of a guild, and queueing their (light) tracks into the player."""

    create: CreatePlaylist
    add: AddToPlaylist
    remove: RemoveFromPlaylist
    use: UsePlaylist
    play: PlayPlaylist  # `use` or the active playlist, then its tracks queued
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
    switch_radio: SwitchRadio  # radio for a caller: on joins their channel
    queue_tracks: QueueTracks
    uses_ai: bool  # an AI service reads requests (else the offline lexicon alone)
    # Run once at shutdown: closes the AI service's HTTP client.
    aclose: Callable[[], Awaitable[None]]
