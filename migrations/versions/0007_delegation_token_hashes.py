"""delegation links kept as hashes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 04:30:00

The private link's token is no longer stored, only its SHA-256 (in the same column, so that
SQLite need not rebuild the table, which would cascade to the matches): a leaked database or
backup opens no delegation's page, and every link handed out keeps working.
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DELEGATION = sa.table("delegation", sa.column("id", sa.Integer), sa.column("token", sa.String))


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(DELEGATION.c.id, DELEGATION.c.token)).all()
    if rows:
        connection.execute(
            sa.update(DELEGATION)
            .where(DELEGATION.c.id == sa.bindparam("row_id"))
            .values(token=sa.bindparam("digest")),
            [
                {"row_id": row.id, "digest": hashlib.sha256(row.token.encode()).hexdigest()}
                for row in rows
            ],
        )


def downgrade() -> None:
    # A hash cannot be turned back into its token: each link stays as unknown as it was.
    pass
