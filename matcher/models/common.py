"""Helpers shared by the table modules."""

from datetime import UTC, datetime

import sqlalchemy as sa


def utcnow() -> datetime:
    return datetime.now(UTC)


def timestamp() -> sa.DateTime:
    return sa.DateTime(timezone=True)
