"""The application wired by the composition root's playback container, with fakes at every port; helpers to
drive it."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from dependency_injector import providers

from musicbot.application.playback.events import QueueFinished, subscribe_notifier
from musicbot.application.playback.play import PlayCommand, PlayResult, PlaySong
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry, PlayerSetup
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.playback.voice_rules import Caller
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import QueueEnded
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.entrypoints.composition.playback import Playback
from tests.fakes.clock import ManualClock
from tests.fakes.events import RecordingEvents
from tests.fakes.metrics import RecordingMetrics
from tests.fakes.resolver import FakeTrackResolver
from tests.fakes.voice import FakeVoiceGateway

GUILD = GuildId(1001)
OTHER_GUILD = GuildId(2002)
CHANNEL = ChannelId(501)
OTHER_CHANNEL = ChannelId(502)
ALICE = UserId(7)
SETTLE_TURNS = 200
# Long-lived workers, and history writes (real storage answers from its own threads): not the player's work.
WAITERS = frozenset({"processing-worker", "queue-saver", "queue-checkpoints", "record-play", "auto-leave"})


@dataclass(slots=True, kw_only=True)
class App:
    clock: ManualClock
    resolver: FakeTrackResolver
    gateway: FakeVoiceGateway
    events: RecordingEvents
    bus: MessageBus
    settings: PlayerSettings
    preparer: SongPreparer
    registry: PlayerRegistry
    play_song: PlaySong
    metrics: RecordingMetrics

    def player(self, guild_id: GuildId = GUILD) -> GuildPlayer:
        return self.registry.get(guild_id)

    async def play(
        self, query: str, *, guild_id: GuildId = GUILD, channel_id: ChannelId | None = CHANNEL, play_next: bool = False
    ) -> PlayResult:
        """Play a query the resolver knows (registered on the fly when it does not), then let tasks run."""
        if not self.resolver.knows(query):
            self.resolver.track(query)
        command = self.play_command(query, guild_id=guild_id, channel_id=channel_id, play_next=play_next)
        result = await self.play_song.execute(command)
        await settle()
        return result

    @staticmethod
    def play_command(
        query: str, *, guild_id: GuildId = GUILD, channel_id: ChannelId | None = CHANNEL, play_next: bool = False
    ) -> PlayCommand:
        """Alice asks for `query` from her voice channel."""
        return PlayCommand(
            guild_id=guild_id,
            caller=Caller(user_id=ALICE, voice_channel_id=channel_id),  # in the bot's channel: the rules let her
            query=query,
            play_next=play_next,
        )

    async def finish(self, guild_id: GuildId = GUILD, error: str | None = None) -> None:
        """The current track ends (or breaks with `error`), and the player reacts."""
        await self.gateway.finish(guild_id, error)
        await settle()

    def titles(self, guild_id: GuildId = GUILD) -> list[str]:
        """The current song's title, then the upcoming ones."""
        player = self.player(guild_id)
        songs = ([player.current] if player.current else []) + list(player.tracklist.upcoming)
        return [song.track.title for song in songs]


async def settle() -> None:
    """Let every task the player spawned (ends of tracks, events) run to completion, without real waiting."""
    me = asyncio.current_task()
    for _ in range(SETTLE_TURNS):
        if all(task is me or task.done() or task.get_name() in WAITERS for task in asyncio.all_tasks()):
            await asyncio.sleep(0)  # and their done-callbacks, which forget them
            return
        await asyncio.sleep(0)
    raise AssertionError("background tasks are still running after many loop turns")


def running_tasks(player: GuildPlayer) -> int:
    """The tasks a player still holds (ends of tracks, events): none may outlive a closed player."""
    return player.task_count


def finished_when_ended(event: QueueEnded) -> list[object]:
    """The end of the queue told as it is: here nothing continues a queue (the bot's radio does, then tells it)."""
    return [QueueFinished(event.guild_id)]


AppFactory = Callable[..., App]


def build_app(
    *,
    events: RecordingEvents | None = None,
    seed: int = 7,
    player_setup: PlayerSetup | None = None,
    **settings: Any,
) -> App:
    """The players and `PlaySong` from the composition root's own playback container, with fakes at its ports:
    the bus tells `events` (the driver's notifier) and says the end of the queue as it is (radio and the history
    are other features' observers; a test subscribes more handlers to `app.bus`)."""
    clock = ManualClock()
    resolver = FakeTrackResolver(clock)
    gateway = FakeVoiceGateway()
    events = events or RecordingEvents()
    bus = MessageBus()
    subscribe_notifier(bus, events)
    bus.subscribe(QueueEnded, finished_when_ended)
    player_settings = replace(PlayerSettings(), **settings)
    preparer = SongPreparer(resolver=resolver, clock=clock, max_attempts=player_settings.max_song_attempts)
    metrics = RecordingMetrics()
    container = Playback(gateway=gateway, bus=lambda: bus, clock=clock, metrics=metrics, preparer=preparer)
    container.player_settings.override(providers.Object(player_settings))
    container.shuffle_rng.override(providers.Object(lambda: random.Random(seed)))
    container.player_setup.override(providers.Object(player_setup or _as_built))
    return App(
        clock=clock,
        resolver=resolver,
        gateway=gateway,
        events=events,
        bus=bus,
        settings=player_settings,
        preparer=preparer,
        registry=container.registry(),
        play_song=container.play(),
        metrics=metrics,
    )


async def _as_built(_: GuildPlayer) -> None:
    return None
