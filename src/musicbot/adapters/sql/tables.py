"""The schema as SQLAlchemy Core tables: what the repositories query, and what migrations must produce.

Identifiers of Discord objects are 64-bit snowflakes (BIGINT). Tracks are stored by their metadata only: stream
URLs expire and are never kept. Keys of playlist names use the "C" collation on PostgreSQL so that ordering and
prefix matching agree with Python's code-point order, as SQLite's default does.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# An auto-incremented key: SQLite only auto-increments INTEGER PRIMARY KEY (its rowid).
RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Key = sa.Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
Timestamp = sa.DateTime(timezone=True)


def track_columns() -> list[sa.Column[object]]:
    """A track's metadata, the same in every table that keeps tracks."""
    return [
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("artist", sa.Text(), nullable=True),
        sa.Column("duration", sa.Float(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("page_url", sa.Text(), nullable=False),
        sa.Column("thumbnail", sa.Text(), nullable=True),
    ]


playlists = sa.Table(
    "playlists",
    metadata,
    sa.Column("id", RowId, primary_key=True, autoincrement=True),
    sa.Column("guild_id", sa.BigInteger(), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("name_key", Key, nullable=False),
    sa.Column("max_size", sa.Integer(), nullable=False),
    sa.Column("item_count", sa.Integer(), nullable=False, server_default="0"),
    sa.UniqueConstraint("guild_id", "name_key"),
    # The target of active_playlists' foreign key: an active playlist belongs to the guild it is active in.
    sa.UniqueConstraint("guild_id", "id"),
)

playlist_items = sa.Table(
    "playlist_items",
    metadata,
    sa.Column(
        "playlist_id", RowId, sa.ForeignKey("playlists.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    ),
    sa.Column("position", sa.Integer(), primary_key=True),  # 1-based, without gaps
    *track_columns(),
)

active_playlists = sa.Table(
    "active_playlists",
    metadata,
    sa.Column(
        "guild_id", sa.BigInteger(), primary_key=True, autoincrement=False
    ),  # at most one active playlist a guild
    sa.Column("playlist_id", RowId, nullable=False),
    sa.ForeignKeyConstraint(["guild_id", "playlist_id"], ["playlists.guild_id", "playlists.id"], ondelete="CASCADE"),
)

guild_settings = sa.Table(
    "guild_settings",
    metadata,
    sa.Column("guild_id", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("volume", sa.Integer(), nullable=False),
    sa.Column("repeat", sa.String(16), nullable=False),
    sa.Column("always_on", sa.Boolean(), nullable=False),
    sa.Column("auto_leave_seconds", sa.Integer(), nullable=False),
    sa.Column("dj_role_id", sa.BigInteger(), nullable=True),
    sa.Column("music_channel_id", sa.BigInteger(), nullable=True),
    sa.Column("audio_filter", sa.String(32), nullable=True),  # `AudioFilter.to_text()`; NULL: none
    sa.Column("fair_queue", sa.Boolean(), nullable=False, server_default=sa.false()),
)

queues = sa.Table(
    "queues",
    metadata,
    sa.Column("guild_id", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("voice_channel_id", sa.BigInteger(), nullable=False),
    sa.Column("text_channel_id", sa.BigInteger(), nullable=True),
    sa.Column("has_current", sa.Boolean(), nullable=False),  # the item at position 0 is the current song
    sa.Column("position", sa.Float(), nullable=False),
    sa.Column("paused", sa.Boolean(), nullable=False),
    sa.Column("repeat", sa.String(16), nullable=False),
    sa.Column("volume", sa.Integer(), nullable=False),
    sa.Column("saved_at", Timestamp, nullable=False),
)

queue_items = sa.Table(
    "queue_items",
    metadata,
    sa.Column(
        "guild_id",
        sa.BigInteger(),
        sa.ForeignKey("queues.guild_id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    sa.Column("position", sa.Integer(), primary_key=True),  # 0: the current song; 1..n: upcoming, in order
    *track_columns(),
    sa.Column("requester_id", sa.BigInteger(), nullable=False),
    sa.Column("requested_at", Timestamp, nullable=False),
)

listening_history = sa.Table(
    "listening_history",
    metadata,
    sa.Column("id", RowId, primary_key=True, autoincrement=True),
    sa.Column("guild_id", sa.BigInteger(), nullable=False),
    sa.Column("user_id", sa.BigInteger(), nullable=False),
    *track_columns(),
    sa.Column("played_at", Timestamp, nullable=False),
    sa.Index(None, "guild_id", "played_at"),
    sa.Index(None, "user_id", "played_at"),
)

# Members' linked Spotify accounts: the tokens are Fernet tokens (encrypted and authenticated), never plain text.
spotify_accounts = sa.Table(
    "spotify_accounts",
    metadata,
    sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("account_id", sa.Text(), nullable=False),
    sa.Column("display_name", sa.Text(), nullable=True),
    sa.Column("access_token", sa.Text(), nullable=False),
    sa.Column("refresh_token", sa.Text(), nullable=False),
    sa.Column("expires_at", Timestamp, nullable=False),
    sa.Column("scopes", sa.Text(), nullable=False),
    sa.Column("linked_at", Timestamp, nullable=False),
)

# What a linked member listens to on Spotify (JSON: artists, tracks), derived from their account.
spotify_taste_profiles = sa.Table(
    "spotify_taste_profiles",
    metadata,
    sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("profile", sa.Text(), nullable=False),
    sa.Column("refreshed_at", Timestamp, nullable=False),
)

# Answers of the lyrics service, by query key (`LyricsQuery.key`): the lyrics, or that it has none (found false).
lyrics_cache = sa.Table(
    "lyrics_cache",
    metadata,
    sa.Column("query_key", Key, primary_key=True),
    sa.Column("found", sa.Boolean(), nullable=False),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("artist", sa.Text(), nullable=True),
    sa.Column("plain", sa.Text(), nullable=True),
    sa.Column("synced", sa.Text(), nullable=True),  # JSON: [[seconds, "words"], ...]
    sa.Column("instrumental", sa.Boolean(), nullable=False),
    sa.Column("fetched_at", Timestamp, nullable=False),
)
