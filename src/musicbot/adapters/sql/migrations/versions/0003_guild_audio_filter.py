"""Guild settings keep the audio filter (/filter) and the fair queue (/fairqueue).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 23:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Nullable, no default: every guild saved before plays unfiltered, as it did.
    op.add_column("guild_settings", sa.Column("audio_filter", sa.String(32), nullable=True))
    op.add_column("guild_settings", sa.Column("fair_queue", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("guild_settings") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("audio_filter")
        batch.drop_column("fair_queue")
