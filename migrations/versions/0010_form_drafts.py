"""form drafts kept while a form changes language

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_form_draft_key_hash"), "form_draft", ["key_hash"], unique=True)
    op.create_index(op.f("ix_form_draft_created_at"), "form_draft", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_form_draft_created_at"), table_name="form_draft")
    op.drop_index(op.f("ix_form_draft_key_hash"), table_name="form_draft")
    op.drop_table("form_draft")
