"""Tables of the delegate side: delegations, their interests and the matches proposed."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, Relationship, SQLModel

from .common import timestamp, utcnow
from .directory import LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX, Organisation, Sector


class DelegationKind(enum.StrEnum):
    government = "government"
    chamber = "chamber"
    company = "company"
    university = "university"
    other = "other"


class DelegationStatus(enum.StrEnum):
    new = "new"
    in_review = "in_review"
    itinerary_drafted = "itinerary_drafted"
    confirmed = "confirmed"
    closed = "closed"


class MatchStatus(enum.StrEnum):
    suggested = "suggested"
    accepted = "accepted"
    rejected = "rejected"


def _enum(kind: type[enum.Enum]) -> sa.Enum:
    # Stored as plain strings: adding a value later needs no database-specific type change.
    return sa.Enum(kind, native_enum=False, length=20, validate_strings=True)


class InterestSector(SQLModel, table=True):
    """Sectors a delegation ticked on the interest form."""

    __tablename__ = "interest_sector"

    interest_id: int = Field(foreign_key="interest.id", primary_key=True, ondelete="CASCADE")
    sector_id: int = Field(foreign_key="sector.id", primary_key=True, ondelete="CASCADE")


class Delegation(SQLModel, table=True):
    """A visiting delegation: who they are, when they come, how to reach them."""

    id: int | None = Field(default=None, primary_key=True)
    # The secret in the delegate's private link; unguessable, never shown to anyone else.
    token: str = Field(max_length=64, unique=True, index=True)
    # The one-time key of the form that created it: the same form sent twice makes one delegation.
    submission_key: str | None = Field(default=None, max_length=64, unique=True, index=True)
    name: str = Field(max_length=NAME_MAX)
    country: str = Field(max_length=2, index=True)
    kind: DelegationKind = Field(sa_column=Column(_enum(DelegationKind), nullable=False))
    contact_name: str = Field(max_length=NAME_MAX)
    contact_email: str = Field(max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The language the delegate used the service in; documents for them follow it.
    locale: str = Field(default="en", max_length=10)
    arrival: date = Field(index=True)
    departure: date
    group_size: int
    status: DelegationStatus = Field(
        default=DelegationStatus.new,
        sa_column=Column(_enum(DelegationStatus), nullable=False, index=True),
    )
    consent_at: datetime = Field(sa_type=timestamp())
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())

    interest: "Interest" = Relationship(
        back_populates="delegation",
        sa_relationship_kwargs={"uselist": False, "cascade": "all, delete-orphan"},
    )
    matches: list["Match"] = Relationship(
        back_populates="delegation",
        sa_relationship_kwargs={
            "order_by": "Match.rank",
            "cascade": "all, delete-orphan",
            "lazy": "selectin",
        },
    )


class Interest(SQLModel, table=True):
    """What a delegation offers and seeks, in its own words and language."""

    id: int | None = Field(default=None, primary_key=True)
    delegation_id: int = Field(
        foreign_key="delegation.id", unique=True, index=True, ondelete="CASCADE"
    )
    offers: str = Field(default="", max_length=LONG_TEXT_MAX)
    seeks: str = Field(default="", max_length=LONG_TEXT_MAX)
    preferred_cities: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    preferred_kinds: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())

    delegation: Delegation = Relationship(back_populates="interest")
    sectors: list[Sector] = Relationship(link_model=InterestSector)


class Match(SQLModel, table=True):
    """An organisation proposed to a delegation, and what coordinators decided about it."""

    __table_args__ = (sa.UniqueConstraint("delegation_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    delegation_id: int = Field(foreign_key="delegation.id", index=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    score: float = 0.0
    rank: int = 0
    # Relative strength shown to people ("strong", "good", "possible"), not the raw score.
    band: str = Field(default="", max_length=20)
    # Why it matched: {"reason": ..., "terms": [...], "sectors": [...], "fields": [...]}.
    explanation: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    engine_version: str = Field(default="", max_length=40)
    status: MatchStatus = Field(
        default=MatchStatus.suggested, sa_column=Column(_enum(MatchStatus), nullable=False)
    )
    pinned: bool = False
    # Added by a coordinator from the directory rather than proposed by the engine.
    added_by_coordinator: bool = False
    note: str = Field(default="", max_length=LONG_TEXT_MAX)
    reject_reason: str = Field(default="", max_length=SHORT_TEXT_MAX)
    # Counts every change, so that two coordinators editing at once are told of the clash.
    revision: int = Field(
        default=1, sa_column=Column(sa.Integer, nullable=False, server_default="1")
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())

    delegation: Delegation = Relationship(back_populates="matches")
    # Loaded with the match: every list of matches shows the organisation.
    organisation: Organisation = Relationship(sa_relationship_kwargs={"lazy": "selectin"})
