"""What is kept in the database for the players: live queues (saved in the background on every change; the
driver may say where each guild talks), plays (recorded off the hot path), the listening history recommendations
read, and per-guild settings (read on a guild's first use, written through on change, and announced).

The saver and the recorder stay off until `Storage.start` found the database usable (`saved_queues.py`)."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.application.guild.settings import GuildSettingsStore, SettingsDefaults
from musicbot.application.history.record import RecordPlay
from musicbot.application.history.recorder import PlayHistoryRecorder
from musicbot.application.recommendation.stored_history import StoredListeningHistory
from musicbot.application.saved_queues.live_queues import LiveQueues, PlayerOf
from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.application.storage import UnitOfWorkFactory
from musicbot.application.support.clock import Clock
from musicbot.domain.guild_settings import MAX_AUTO_LEAVE_SECONDS
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.shared_state import SharedState


def guild_setting_defaults(settings: Settings) -> SettingsDefaults:
    """What a guild that never chose gets: the bot-wide volume and idle time."""
    idle = min(round(settings.idle_timeout), MAX_AUTO_LEAVE_SECONDS)
    return SettingsDefaults(volume=settings.default_volume, auto_leave_seconds=idle)


class Persistence(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    uow_factory: providers.Dependency[UnitOfWorkFactory] = providers.Dependency()
    shared: providers.Dependency[SharedState] = providers.Dependency()
    text_channel_of: providers.Dependency[object] = providers.Dependency()
    # The registry's `find`, through the root: the registry is built after these (its players save queues).
    players: providers.Dependency[PlayerOf] = providers.Dependency()

    # Live queues are saved in the background on every change (the driver may say where each guild talks);
    # plays are recorded off the hot path. `storage` (saved_queues.py) starts, resumes and closes them.
    queue_saver = providers.Singleton(QueueSaver, uow_factory)
    live_queues = providers.Singleton(
        LiveQueues,
        queue_saver,
        providers.Singleton(QueueSnapshotter, clock),
        players=players,
        text_channel_of=text_channel_of,
        enabled=False,  # until `storage.start` found the database usable
    )
    play_history = providers.Singleton(
        PlayHistoryRecorder, providers.Factory(RecordPlay, uow_factory, clock), enabled=False
    )
    # Per-guild settings: read from storage on a guild's first use, written through on change (and announced).
    guild_settings = providers.Singleton(
        GuildSettingsStore,
        uow_factory,
        defaults=providers.Singleton(guild_setting_defaults, settings),
        changes=shared.provided.settings_feed,
    )
    # Recommendations and radio read the guild's listening history from storage.
    listening_history = providers.Singleton(
        StoredListeningHistory, uow_factory, clock=clock, plays=settings.provided.recommend_history_plays
    )
