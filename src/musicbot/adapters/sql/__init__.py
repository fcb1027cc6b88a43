"""Persistence in SQL (SQLAlchemy 2 async): SQLite by default, PostgreSQL from a URL; schema by Alembic."""

from musicbot.adapters.sql.database import Database, async_url, create_database, default_database_url
from musicbot.adapters.sql.migrate import current_revision, head_revision, upgrade
from musicbot.adapters.sql.unit_of_work import SqlAlchemyUnitOfWork, unit_of_work_factory

__all__ = [
    "Database",
    "SqlAlchemyUnitOfWork",
    "async_url",
    "create_database",
    "current_revision",
    "default_database_url",
    "head_revision",
    "unit_of_work_factory",
    "upgrade",
]
