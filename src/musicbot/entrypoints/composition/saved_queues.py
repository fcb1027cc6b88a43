"""Storage as a driver sees it (`entrypoints/storage.py`): migrations (or their check) at start, the saved
queues resumed into the players, and a shutdown that loses nothing."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.adapters.sql import Database
from musicbot.application.history.recorder import PlayHistoryRecorder
from musicbot.application.playback.join import JoinVoice
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.saved_queues.live_queues import LiveQueues
from musicbot.application.saved_queues.restore_all import RestoreQueues
from musicbot.application.saved_queues.resume import ResumeQueue
from musicbot.application.saved_queues.take_up import JoinOrTakeUp
from musicbot.application.storage import UnitOfWorkFactory
from musicbot.entrypoints.composition.core import database_url
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.storage import Storage


def migrates(chosen: str) -> bool:
    """MUSICBOT_DATABASE_MIGRATE=upgrade: the process migrates at start; `check`: it only checks."""
    return chosen == "upgrade"


class SavedQueues(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    database: providers.Dependency[Database] = providers.Dependency()
    uow_factory: providers.Dependency[UnitOfWorkFactory] = providers.Dependency()
    live_queues: providers.Dependency[LiveQueues] = providers.Dependency()
    play_history: providers.Dependency[PlayHistoryRecorder] = providers.Dependency()
    registry: providers.Dependency[PlayerRegistry] = providers.Dependency()
    player_settings: providers.Dependency[PlayerSettings] = providers.Dependency()

    resume = providers.Factory(ResumeQueue, registry, player_settings)
    storage = providers.Singleton(
        Storage,
        url=providers.Callable(database_url, settings),
        database=database,
        live_queues=live_queues,
        history=play_history,
        restore=providers.Factory(RestoreQueues, uow_factory),
        resume=resume,
        registry=registry,
        checkpoint_every=settings.provided.queue_checkpoint_seconds,
        migrate=providers.Callable(migrates, settings.provided.database_migrate),
    )
    # /join: a queue saved while the bot was out of voice is taken up in the caller's channel.
    join = providers.Factory(
        JoinOrTakeUp, registry=registry, join=providers.Factory(JoinVoice, registry), saved=storage, resume=resume
    )
