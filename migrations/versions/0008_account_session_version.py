"""account session version

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 04:50:00

Sessions carry the account's session version; signing out or changing the password moves it,
which ends every session issued before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild of the table would cascade to its children on SQLite.
    op.add_column(
        "account",
        sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_column("account", "session_version")
