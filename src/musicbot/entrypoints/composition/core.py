"""What every process has: the clock, operations (metrics, the loop watch, owners), state shared with the other
processes, and the database (one engine per process; each use-case opens a unit of work per command)."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.adapters.sql import Database, create_database, default_database_url, unit_of_work_factory
from musicbot.adapters.sql.monitoring import DatabaseErrors, DatabaseProbe
from musicbot.adapters.system_clock import SystemClock
from musicbot.application.admin.access import OwnerPolicy
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.shared_state import shared_state


def database_url(settings: Settings) -> str:
    """MUSICBOT_DATABASE_URL, or SQLite in the data directory."""
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    return default_database_url(settings.data_dir)


def database(settings: Settings) -> Database:
    return create_database(
        database_url(settings), synchronous=settings.database_synchronous, pool_size=settings.database_pool_size
    )


class Core(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    # Operations: one metrics registry per process, the event loop's lag, who owns the bot, the database's health.
    metrics = providers.Singleton(PrometheusMetrics)
    loop_watch = providers.Singleton(LoopWatch, metrics)
    owners = providers.Singleton(OwnerPolicy, settings.provided.owner_ids)
    # Storage: one engine per process; each use-case opens a unit of work per command.
    database = providers.Singleton(database, settings)
    uow_factory = providers.Singleton(unit_of_work_factory, database)
    database_probe = providers.Singleton(DatabaseProbe, database, providers.Singleton(DatabaseErrors, database))
    # What other processes share (Redis), each part None without MUSICBOT_REDIS_URL.
    shared = providers.Singleton(shared_state, settings)
