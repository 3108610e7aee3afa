"""Tables of the delegate side: delegations, their interests and the matches proposed."""

import enum
from datetime import date, datetime
from typing import Annotated, Literal, Self

import sqlalchemy as sa
from pydantic import EmailStr, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import JSON, Column, Field, Relationship, SQLModel

from .common import timestamp, utcnow
from .directory import Organisation, OrganisationKindName, Sector
from .rules import (
    EMAIL_MAX,
    LONG_TEXT_MAX,
    MAX_GROUP_SIZE,
    NAME_MAX,
    PHONE_MAX,
    PREFERRED_CITIES_MAX,
    PREFERRED_KINDS_MAX,
    SECTORS_MAX,
    SHORT_TEXT_MAX,
    SPOKEN_LANGUAGES_MAX,
    CitySlug,
    CleanText,
    CountryCode,
    Distinct,
    InterfaceLanguage,
    PersonName,
    Phone,
    SectorSlug,
    SpokenLanguage,
)


class DelegationKind(enum.StrEnum):
    government = "government"
    chamber = "chamber"
    company = "company"
    university = "university"
    other = "other"


DelegationKindName = Literal[tuple(DelegationKind)]  # type: ignore[valid-type]


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


class DelegationBase(SQLModel):
    """Who a delegation is, when it visits and how to reach it: the fields and their rules.

    The table, the service's input, the interest form and the API's shapes derive from it.
    """

    name: PersonName = Field(min_length=1, max_length=NAME_MAX)
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code")
    kind: DelegationKindName
    contact_name: PersonName = Field(min_length=1, max_length=NAME_MAX)
    contact_email: EmailStr = Field(max_length=EMAIL_MAX)
    contact_phone: Phone = Field(default="", max_length=PHONE_MAX)
    languages: Annotated[list[SpokenLanguage], Distinct] = Field(
        default_factory=list, max_length=SPOKEN_LANGUAGES_MAX
    )
    # The language the delegate used the service in; documents for them follow it.
    locale: InterfaceLanguage = "en"
    arrival: date
    departure: date
    group_size: int = Field(ge=1, le=MAX_GROUP_SIZE)


class DelegationDetails(DelegationBase):
    """What a delegation registers or edits, with when it agreed to the use of its data."""

    consent_at: datetime


class Delegation(DelegationBase, table=True):
    """A visiting delegation: who they are, when they come, how to reach them."""

    id: int | None = Field(default=None, primary_key=True)
    # The secret in the delegate's private link; unguessable, never shown to anyone else.
    token: str = Field(max_length=64, unique=True, index=True)
    # The one-time key of the form that created it: the same form sent twice makes one delegation.
    submission_key: str | None = Field(default=None, max_length=64, unique=True, index=True)
    country: str = Field(max_length=2, index=True)
    kind: DelegationKind = Field(sa_column=Column(_enum(DelegationKind), nullable=False))
    contact_email: str = Field(max_length=EMAIL_MAX)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    locale: str = Field(default="en", max_length=10)
    arrival: date = Field(index=True)
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


def says_what_it_wants(offers: str, seeks: str, sectors: list[str]) -> bool:
    """An interest must say what the delegation offers or seeks, or name a sector."""
    return bool(offers.strip() or seeks.strip() or sectors)


class InterestBase(SQLModel):
    """What a delegation offers and seeks, and its preferences: the fields and their rules."""

    offers: CleanText = Field(default="", max_length=LONG_TEXT_MAX)
    seeks: CleanText = Field(default="", max_length=LONG_TEXT_MAX)
    preferred_cities: Annotated[list[CitySlug], Distinct] = Field(
        default_factory=list, max_length=PREFERRED_CITIES_MAX
    )
    preferred_kinds: Annotated[list[OrganisationKindName], Distinct] = Field(
        default_factory=list, max_length=PREFERRED_KINDS_MAX
    )


class InterestDetails(InterestBase):
    """An interest as a delegation states it: its words, preferences and sectors by slug."""

    sectors: Annotated[list[SectorSlug], Distinct] = Field(
        default_factory=list, max_length=SECTORS_MAX
    )

    @model_validator(mode="after")
    def says_something(self) -> Self:
        if not says_what_it_wants(self.offers, self.seeks, self.sectors):
            raise PydanticCustomError(
                "nothing_sought",
                "say what you seek or offer, or choose a sector",
                {"field": "seeks"},
            )
        return self


class Interest(InterestBase, table=True):
    """What a delegation offers and seeks, in its own words and language."""

    id: int | None = Field(default=None, primary_key=True)
    delegation_id: int = Field(
        foreign_key="delegation.id", unique=True, index=True, ondelete="CASCADE"
    )
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
