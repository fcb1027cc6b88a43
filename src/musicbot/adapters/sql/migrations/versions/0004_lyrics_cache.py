"""A cache of the lyrics service's answers (/lyrics).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

Key = sa.Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "lyrics_cache",
        sa.Column("query_key", Key, nullable=False),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("artist", sa.Text(), nullable=True),
        sa.Column("plain", sa.Text(), nullable=True),
        sa.Column("synced", sa.Text(), nullable=True),
        sa.Column("instrumental", sa.Boolean(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("query_key", name="pk_lyrics_cache"),
    )


def downgrade() -> None:
    op.drop_table("lyrics_cache")
