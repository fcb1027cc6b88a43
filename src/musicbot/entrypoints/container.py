"""The composition root: the feature containers (`composition/`) joined, the only place that knows concrete
classes.

A driver supplies the audio output (`gateway`) and how events reach users (`events`); everything else is built
from settings. A process without voice (a web or admin process) leaves both out: its players join nothing
(`adapters/voiceless.py`), and all the rest works as in the bot. A caller asks the feature's container for what it
needs (`container.saved_queues.storage()`).
"""

from __future__ import annotations

from typing import Any

from dependency_injector import containers, providers

from musicbot.adapters.voiceless import SilentEvents, VoicelessGateway
from musicbot.application.playback.events import PlaybackNotifier
from musicbot.application.playback.ports import VoiceGateway
from musicbot.application.saved_queues.live_queues import no_text_channel
from musicbot.entrypoints.composition.core import Core
from musicbot.entrypoints.composition.guild import GuildRules
from musicbot.entrypoints.composition.listener import ListenerExtras
from musicbot.entrypoints.composition.playback import Playback
from musicbot.entrypoints.composition.playlists import Playlists
from musicbot.entrypoints.composition.recommendations import Recommendations
from musicbot.entrypoints.composition.saved_queues import SavedQueues
from musicbot.entrypoints.composition.sources import Sources
from musicbot.entrypoints.composition.storage import Persistence
from musicbot.entrypoints.event_handlers import message_bus
from musicbot.entrypoints.settings import Settings


def _bus_of(root: Any) -> Any:
    """The bus's provider, looked up when the first player is made: its handlers (radio, auto-leave, the queue
    saver) need the players' registry, so neither can be given the other built."""
    return root.bus


def _players_of(root: Any) -> Any:
    """The registry's `find`, looked up when a queue changes (the live queues are built before the registry)."""
    return lambda guild_id: root.players.registry().find(guild_id)


class Container(containers.DeclarativeContainer):
    __self__ = providers.Self()
    settings = providers.Dependency(instance_of=Settings)
    gateway: providers.Dependency[VoiceGateway] = providers.Dependency(default=providers.Singleton(VoicelessGateway))
    events: providers.Dependency[PlaybackNotifier] = providers.Dependency(default=providers.Singleton(SilentEvents))
    allow_local_files = providers.Object(False)
    text_channel_of = providers.Object(no_text_channel)

    core = providers.Container(Core, settings=settings)
    persistence = providers.Container(
        Persistence,
        settings=settings,
        clock=core.clock,
        uow_factory=core.uow_factory,
        shared=core.shared,
        text_channel_of=text_channel_of,
        players=providers.Callable(_players_of, __self__),
    )
    song_sources = providers.Container(
        Sources,
        settings=settings,
        clock=core.clock,
        metrics=core.metrics,
        allow_local_files=allow_local_files,
        shared=core.shared,
    )
    players = providers.Container(
        Playback,
        settings=settings,
        gateway=gateway,
        bus=providers.Callable(_bus_of, __self__),
        clock=core.clock,
        metrics=core.metrics,
        preparer=song_sources.preparer,
        sources=song_sources.sources,
        pool=song_sources.pool,
        guild_settings=persistence.guild_settings,
    )
    guild_rules = providers.Container(
        GuildRules,
        settings=settings,
        clock=core.clock,
        registry=players.registry,
        guild_settings=persistence.guild_settings,
        live_queues=persistence.live_queues,
    )
    saved_playlists = providers.Container(
        Playlists,
        settings=settings,
        clock=core.clock,
        uow_factory=core.uow_factory,
        sources=song_sources.sources,
        registry=players.registry,
        preparer=song_sources.preparer,
    )
    recommending = providers.Container(
        Recommendations,
        settings=settings,
        clock=core.clock,
        shared=core.shared,
        resilient=song_sources.resilient,
        catalog=song_sources.catalog,
        listening_history=persistence.listening_history,
        registry=players.registry,
        preparer=song_sources.preparer,
    )
    listener_extras = providers.Container(
        ListenerExtras,
        settings=settings,
        clock=core.clock,
        database=core.database,
        registry=players.registry,
        guild_settings=persistence.guild_settings,
        sources=song_sources.sources,
        preparer=song_sources.preparer,
    )
    saved_queues = providers.Container(
        SavedQueues,
        settings=settings,
        database=core.database,
        uow_factory=core.uow_factory,
        live_queues=persistence.live_queues,
        play_history=persistence.play_history,
        registry=players.registry,
        player_settings=players.player_settings,
    )

    # What the players record reaches its observers through one message bus: the driver's notifier, the history
    # recorder, auto-leave, radio, the queue saver, metrics (subscribed in `entrypoints/event_handlers.py`).
    bus = providers.Singleton(
        message_bus,
        notifier=events,
        history=persistence.play_history,
        auto_leave=guild_rules.auto_leave,
        radio=recommending.radio,
        live_queues=persistence.live_queues,
        metrics=core.metrics,
    )
