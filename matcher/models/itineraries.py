"""Tables of the itinerary: a delegation's plan, its coordinator edits, and who is booked when."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from .common import timestamp, utcnow


class Itinerary(SQLModel, table=True):
    """A delegation's visit plan: the draft coordinators edit, and the version published."""

    id: int | None = Field(default=None, primary_key=True)
    delegation_id: int = Field(
        foreign_key="delegation.id", unique=True, index=True, ondelete="CASCADE"
    )
    # Day rhythm: day_start, day_end, lunch_start, lunch_end, max_visits, base_city, rest_days.
    settings: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Coordinator edits: organisation id → fixed start (ISO 8601), and organisations left out.
    locks: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    removed: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The draft plan, as matcher.exports.plan_to_dict writes it.
    plan: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    planned_at: datetime | None = Field(default=None, sa_type=timestamp())
    # Raised on every publish: calendar programs update events whose SEQUENCE grew.
    sequence: int = 0
    published_plan: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    published_at: datetime | None = Field(default=None, sa_type=timestamp())
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())


class ScheduledVisit(SQLModel, table=True):
    """One visit of a draft plan: what other delegations' plans must not overlap."""

    __tablename__ = "scheduled_visit"
    __table_args__ = (
        sa.Index("ix_scheduled_visit_organisation_start", "organisation_id", "start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    itinerary_id: int = Field(foreign_key="itinerary.id", index=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="CASCADE")
    start: datetime = Field(sa_type=timestamp())
    end: datetime = Field(sa_type=timestamp())
