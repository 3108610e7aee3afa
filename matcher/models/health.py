"""The row the health check writes, so that a failing write path is seen, not only reads."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from .common import timestamp, utcnow


class HealthCheck(SQLModel, table=True):
    """One row, rewritten by every ``/healthz``: the last moment a write went through."""

    __tablename__ = "health_check"

    id: int | None = Field(default=None, primary_key=True)
    checked_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
