"""Playlists, guild settings, live queues and listening history.

Revision ID: 0001
Revises:
Create Date: 2025-01-01 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Key = sa.Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")


def _track_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("artist", sa.Text(), nullable=True),
        sa.Column("duration", sa.Float(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("page_url", sa.Text(), nullable=False),
        sa.Column("thumbnail", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "playlists",
        sa.Column("id", RowId, autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", Key, nullable=False),
        sa.Column("max_size", sa.Integer(), nullable=False),
        sa.Column("item_count", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_playlists"),
        sa.UniqueConstraint("guild_id", "name_key", name="uq_playlists_guild_id_name_key"),
        sa.UniqueConstraint("guild_id", "id", name="uq_playlists_guild_id_id"),
    )
    op.create_table(
        "playlist_items",
        sa.Column("playlist_id", RowId, autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        *_track_columns(),
        sa.ForeignKeyConstraint(
            ["playlist_id"], ["playlists.id"], name="fk_playlist_items_playlist_id_playlists", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("playlist_id", "position", name="pk_playlist_items"),
    )
    op.create_table(
        "active_playlists",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("playlist_id", RowId, nullable=False),
        sa.ForeignKeyConstraint(
            ["guild_id", "playlist_id"],
            ["playlists.guild_id", "playlists.id"],
            name="fk_active_playlists_guild_id_playlist_id_playlists",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("guild_id", name="pk_active_playlists"),
    )
    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("volume", sa.Integer(), nullable=False),
        sa.Column("repeat", sa.String(16), nullable=False),
        sa.Column("always_on", sa.Boolean(), nullable=False),
        sa.Column("auto_leave_seconds", sa.Integer(), nullable=False),
        sa.Column("dj_role_id", sa.BigInteger(), nullable=True),
        sa.Column("music_channel_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("guild_id", name="pk_guild_settings"),
    )
    op.create_table(
        "queues",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("voice_channel_id", sa.BigInteger(), nullable=False),
        sa.Column("text_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("has_current", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Float(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("repeat", sa.String(16), nullable=False),
        sa.Column("volume", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name="pk_queues"),
    )
    op.create_table(
        "queue_items",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        *_track_columns(),
        sa.Column("requester_id", sa.BigInteger(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guild_id"], ["queues.guild_id"], name="fk_queue_items_guild_id_queues", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("guild_id", "position", name="pk_queue_items"),
    )
    op.create_table(
        "listening_history",
        sa.Column("id", RowId, autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        *_track_columns(),
        sa.Column("played_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_listening_history"),
    )
    op.create_index("ix_listening_history_guild_id_played_at", "listening_history", ["guild_id", "played_at"])
    op.create_index("ix_listening_history_user_id_played_at", "listening_history", ["user_id", "played_at"])


def downgrade() -> None:
    for table in ("listening_history", "queue_items", "queues", "guild_settings", "active_playlists"):
        op.drop_table(table)
    op.drop_table("playlist_items")
    op.drop_table("playlists")
