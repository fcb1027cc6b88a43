"""Alembic's environment and revisions; see `musicbot.adapters.sql.migrate`."""
