"""Hand-written stand-ins for the discord.py objects a handler touches (an interaction and its replies), and
the bot's services wired over the application's fakes."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.application.admin.access import OwnerPolicy
from musicbot.application.admin.ports import BotStatus
from musicbot.application.admin.reports import CheckHealth, ReadLogs, ShowBotStats, ShowPerformance
from musicbot.application.admin.user_stats import ShowUserStats
from musicbot.application.guild.audio_filter import SetAudioFilter
from musicbot.application.guild.auto_leave import AutoLeave, AutoLeaveTimeouts
from musicbot.application.guild.cycle_repeat import CycleRepeat
from musicbot.application.guild.music_channel import AdmitCommand
from musicbot.application.guild.repeat import SetRepeat
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.settings_change import ChangeGuildSettings
from musicbot.application.guild.settings_show import ShowGuildSettings
from musicbot.application.guild.stay_connected import SetStayConnected
from musicbot.application.guild.volume import SetVolume
from musicbot.application.guild.vote_skip import VoteSkip
from musicbot.application.lyrics.find import FindLyrics
from musicbot.application.lyrics.model import Lyrics, LyricsQuery
from musicbot.application.monitoring.checks import Readiness
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.application.playback.back import BackSong
from musicbot.application.playback.join import JoinVoice
from musicbot.application.playback.leave import LeaveVoice
from musicbot.application.playback.now_playing import ShowNowPlaying
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.replay import ReplaySong
from musicbot.application.playback.resume import ResumePlayback
from musicbot.application.playback.seek import SeekSong
from musicbot.application.playback.skip import SkipSong
from musicbot.application.playback.skip_to import SkipTo
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.playback.toggle_pause import TogglePause
from musicbot.application.playback.voice_rules import Caller, VoiceRules
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
from musicbot.application.queue.load_playlist import BatchLimits, LoadPlaylist
from musicbot.application.queue.move import MoveSong
from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.queue.remove import RemoveSong
from musicbot.application.queue.search_request import SearchToQueue
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.application.queue.tidy import RemoveDuplicates, SetFairQueue
from musicbot.application.queue.view import ViewQueue
from musicbot.application.saved_queues.resume import ResumeQueue
from musicbot.application.saved_queues.take_up import JoinOrTakeUp
from musicbot.application.sources.search import SearchSongs
from musicbot.application.spotify_accounts.last_cards import LastCards
from musicbot.application.spotify_accounts.manage import ForgetMember
from musicbot.application.spotify_accounts.pending import PendingLinks
from musicbot.application.support.processing.pool import ProcessingPool
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.entrypoints.discord.context import Invocation
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.listener_services import ListenerServices
from musicbot.entrypoints.operations import OperationsServices
from musicbot.entrypoints.runtime import Runtime, close_players
from musicbot.entrypoints.services import PlaybackServices, PlaylistServices, RuleServices
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.fakes.lister import FakePlaylistLister
from tests.fakes.repositories import FakeUnitOfWork
from tests.fakes.saved_queues import FakeSavedQueues
from tests.unit.application.sources.fakes import FakeSource
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, App
from tests.unit.entrypoints.discord.recommend_doubles import recommendation_services


@dataclass
class Reply:
    embed: discord.Embed | None
    ephemeral: bool = False
    view: discord.ui.View | None = None


class FakeResponse:
    def __init__(self) -> None:
        self.done = False
        self.sent: list[Reply] = []
        self.deferred = False
        self.edited: list[dict[str, Any]] = []

    def is_done(self) -> bool:
        return self.done

    async def send_message(
        self, *, embed: discord.Embed | None = None, ephemeral: bool = False, view: discord.ui.View | None = None
    ) -> None:
        assert not self.done, "an interaction is answered once"
        self.done = True
        self.sent.append(Reply(embed, ephemeral, view))

    async def defer(self, *, thinking: bool = False, ephemeral: bool = False) -> None:
        assert not self.done, "an interaction is answered once"
        self.done = self.deferred = True

    async def edit_message(self, **changes: Any) -> None:
        self.done = True
        self.edited.append(changes)


class FakeFollowup:
    def __init__(self) -> None:
        self.sent: list[Reply] = []
        self.steps: list[str] = []  # shared with the interaction: the order of what the bot did

    async def send(
        self, *, embed: discord.Embed | None = None, ephemeral: bool = False, view: discord.ui.View | None = None
    ) -> None:
        self.steps.append("followup (ephemeral)" if ephemeral else "followup")
        self.sent.append(Reply(embed, ephemeral, view))


@dataclass
class FakeInteraction:
    id: int = 1
    guild_id: int = GUILD
    user_id: int = ALICE
    type: discord.InteractionType = discord.InteractionType.application_command
    response: FakeResponse = field(default_factory=FakeResponse)
    followup: FakeFollowup = field(default_factory=FakeFollowup)
    original_edits: list[dict[str, Any]] = field(default_factory=list)
    original_deleted: bool = False
    command: Any = field(default_factory=lambda: SimpleNamespace(qualified_name="play"))
    extras: dict[str, Any] = field(default_factory=dict)
    client: Any = None

    def __post_init__(self) -> None:
        self.steps = self.followup.steps

    @property
    def user(self) -> Any:
        return SimpleNamespace(id=self.user_id)

    async def edit_original_response(self, **changes: Any) -> None:
        self.steps.append("edit original")
        self.original_edits.append(changes)

    async def delete_original_response(self) -> None:
        self.steps.append("delete original")
        self.original_deleted = True

    def shown(self) -> discord.Embed | None:
        """The embed the caller sees last: an edit of the original response, or the first message."""
        for changes in reversed(self.original_edits):
            if "embed" in changes:
                return changes["embed"]  # type: ignore[no-any-return]
        return self.response.sent[0].embed if self.response.sent else None


class FakeReader:
    """Reads every interaction as the same member: in `channel`, with roles, among `listeners`."""

    default_dj_role = "DJ"

    def __init__(
        self,
        *,
        user_id: UserId = ALICE,
        channel: ChannelId | None = CHANNEL,
        listeners: frozenset[UserId] = frozenset({ALICE}),
        is_dj: bool = False,
        is_manager: bool = False,
    ) -> None:
        self.caller = Caller(user_id=user_id, voice_channel_id=channel, is_dj=is_dj, is_manager=is_manager)
        self.listeners = listeners

    def read(self, interaction: Any) -> Invocation:
        return Invocation(guild_id=GuildId(interaction.guild_id), caller=self.caller, listeners=self.listeners)

    def read_member(self, guild: Any, member: Any) -> Invocation:
        """A text command's: its message's guild and author (the author is this reader's member)."""
        return Invocation(guild_id=GuildId(guild.id), caller=self.caller, listeners=self.listeners)


def playlist_services(app: App, uow: FakeUnitOfWork | None = None) -> PlaylistServices:
    """Saved playlists over one in-memory unit of work (shared by every command, like one database)."""
    store = uow or FakeUnitOfWork()
    queue_tracks = QueueTracks(registry=app.registry, preparer=app.preparer)
    return PlaylistServices(
        create=CreatePlaylist(lambda: store),
        add=AddToPlaylist(lambda: store, app.resolver, max_query_length=500),
        remove=RemoveFromPlaylist(lambda: store),
        use=UsePlaylist(lambda: store),
        play=PlayPlaylist(
            registry=app.registry,
            use=UsePlaylist(lambda: store),
            show=ShowPlaylist(lambda: store),
            queue_tracks=queue_tracks,
        ),
        show=ShowPlaylist(lambda: store),
        list=ListPlaylists(lambda: store),
        delete=DeletePlaylist(lambda: store),
        autocomplete=AutocompletePlaylists(lambda: store),
        save_queue=SaveQueueAsPlaylist(lambda: store, app.registry),
        export=ExportPlaylist(lambda: store, app.clock),
        import_=ImportPlaylist(lambda: store),
        queue_tracks=queue_tracks,
    )


class NoLyrics:
    """A lyrics service that knows no song."""

    async def find(self, query: LyricsQuery) -> Lyrics | None:
        return None


def services_for(
    app: App, *, ratio: float = 0.5, uow: FakeUnitOfWork | None = None, settings: FakeSettingsStorage | None = None
) -> BotServices:
    registry = app.registry
    sessions = GuildSessions(app.clock)
    store = (settings or FakeSettingsStorage()).store()
    playback = PlaybackServices(
        registry=registry,
        join=JoinVoice(registry),
        leave=LeaveVoice(registry),
        play=app.play_song,
        pause=PausePlayback(registry),
        resume=ResumePlayback(registry),
        toggle_pause=TogglePause(registry),
        skip=SkipSong(registry),
        skip_to=SkipTo(registry),
        stop=StopPlayback(registry),
        seek=SeekSong(registry),
        volume=SetVolume(registry, store),
        repeat=SetRepeat(registry, store),
        cycle_repeat=CycleRepeat(registry, store),
        shuffle=ShuffleQueue(registry),
        remove=RemoveSong(registry),
        move=MoveSong(registry),
        clear=ClearQueue(registry),
        queue=ViewQueue(registry),
        now_playing=ShowNowPlaying(registry),
        load_playlist=LoadPlaylist(
            registry=registry,
            preparer=app.preparer,
            lister=FakePlaylistLister(),
            pool=ProcessingPool(workers=1, max_pending=10),
            bus=app.bus,
            clock=app.clock,
            limits=BatchLimits(),
        ),
    )
    rules = RuleServices(
        voice=VoiceRules(registry),
        vote_skip=VoteSkip(registry=registry, sessions=sessions, ratio=ratio),
        auto_leave=AutoLeave(
            registry=registry, sessions=sessions, settings=store, clock=app.clock, timeouts=AutoLeaveTimeouts()
        ),
        stay_connected=SetStayConnected(store),
        show_settings=ShowGuildSettings(store),
        change_settings=ChangeGuildSettings(store, registry),
        music_channel=AdmitCommand(store),
        sessions=sessions,
        guild_settings=store,
    )
    return BotServices(
        playback=playback,
        rules=rules,
        join=JoinOrTakeUp(
            registry=registry,
            join=JoinVoice(registry),
            saved=FakeSavedQueues(),
            resume=ResumeQueue(registry, app.settings),
        ),
        runtime=Runtime().add("players", close=close_players(registry, None)),
        playlists=playlist_services(app, uow),
        recommendations=recommendation_services(app),
        operations=operations_for(app, uow=uow),
        spotify=spotify_off(app),
        listener=ListenerServices(
            audio_filter=SetAudioFilter(registry, store),
            lyrics=FindLyrics(registry=registry, source=NoLyrics()),
            back=BackSong(registry),
            replay=ReplaySong(registry),
            remove_duplicates=RemoveDuplicates(registry),
            fair_queue=SetFairQueue(registry, store),
            search=SearchSongs(FakeSource()),
            search_to_queue=SearchToQueue(registry=registry, search=SearchSongs(FakeSource())),
            queue_tracks=QueueTracks(registry=registry, preparer=app.preparer),
        ),
    )


class FakeMemberData:
    """`MemberData` over nothing stored: what a bot without Spotify accounts deletes is its history alone."""

    def __init__(self) -> None:
        self.deleted: list[UserId] = []

    async def delete_spotify(self, user_id: UserId) -> dict[str, int]:
        return {"Spotify link": 0, "Spotify taste profile": 0}

    async def delete_all(self, user_id: UserId) -> dict[str, int]:
        self.deleted.append(user_id)
        return {**await self.delete_spotify(user_id), "songs in your listening history": 0}


def spotify_off(app: App) -> SpotifyAccountServices:
    return SpotifyAccountServices(
        forget=ForgetMember(FakeMemberData(), PendingLinks(app.clock)),
        last_cards=LastCards(),
        off_reason="Spotify accounts are off: the bot's owner has not set MUSICBOT_SECRET_KEY",
    )


class FakeStatus:
    def status(self) -> BotStatus:
        return BotStatus(
            version="1.2.3", uptime_seconds=3723, servers=2, players={"playing": 1, "paused": 0, "idle": 0}
        )


class FakeLogs:
    def __init__(self) -> None:
        self.lines = ['{"event": "one", "level": "info"}', '{"event": "two", "level": "warning"}']

    def tail(self, *, level: str, lines: int) -> list[str]:
        return self.lines[-lines:]


def operations_for(app: App, *, uow: FakeUnitOfWork | None = None, owners: tuple[int, ...] = ()) -> OperationsServices:
    """The owner's reports over real metrics and fakes; `owners` may use /admin."""
    metrics = PrometheusMetrics()
    policy = OwnerPolicy(UserId(owner) for owner in owners)
    work = uow or FakeUnitOfWork()
    return OperationsServices(
        metrics=metrics,
        watch=LoopWatch(metrics),
        owners=policy,
        readiness=Readiness([]),
        stats=ShowBotStats(policy, FakeStatus(), metrics),
        health=CheckHealth(policy, []),
        performance=ShowPerformance(policy, metrics),
        logs=ReadLogs(policy, FakeLogs()),
        user_stats=ShowUserStats(lambda: work, quota=None, storage_available=lambda: True),
    )
