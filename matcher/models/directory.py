"""Tables of the directory: organisations, sectors and how they relate."""

import enum
from datetime import datetime
from typing import Any, Literal, Optional, Self

import sqlalchemy as sa
from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import JSON, Column, Field, Relationship, SQLModel

from .common import timestamp, utcnow
from .rules import (
    LANGUAGES_MAX,
    LONG_TEXT_MAX,
    MEMBERSHIPS_MAX,
    NAME_MAX,
    SECTORS_MAX,
    SHORT_TEXT_MAX,
    CityOrOther,
    CitySlug,
    CleanText,
    LanguageCode,
    OrganisationName,
    SectorSlug,
    VisitingHours,
    WebAddress,
)


class OrganisationKind(enum.StrEnum):
    park = "park"
    enclave = "enclave"
    company = "company"
    alliance = "alliance"
    fund = "fund"
    university = "university"
    institute = "institute"
    # Service centres, research centres, training bases, online platforms, offices.
    platform = "platform"


OrganisationKindName = Literal[tuple(OrganisationKind)]  # type: ignore[valid-type]


class OrganisationSector(SQLModel, table=True):
    """Which sectors an organisation works in."""

    __tablename__ = "organisation_sector"

    organisation_id: int = Field(
        foreign_key="organisation.id", primary_key=True, ondelete="CASCADE"
    )
    sector_id: int = Field(foreign_key="sector.id", primary_key=True, ondelete="CASCADE")


class Membership(SQLModel, table=True):
    """An organisation's membership of an alliance or consortium."""

    __tablename__ = "membership"

    member_id: int = Field(foreign_key="organisation.id", primary_key=True, ondelete="CASCADE")
    alliance_id: int = Field(foreign_key="organisation.id", primary_key=True, ondelete="CASCADE")


class Sector(SQLModel, table=True):
    """A sector of the taxonomy, labelled in every language the service speaks."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True, index=True)
    labels: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))

    organisations: list["Organisation"] = Relationship(
        back_populates="sectors", link_model=OrganisationSector
    )

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels.get("en") or self.slug


class OrganisationBase(SQLModel):
    """An organisation's own fields and their rules, as anyone may see them.

    The table, the file records and the API's shapes derive from this class: a new field
    added here reaches all of them.
    """

    name: CleanText = Field(min_length=1, max_length=NAME_MAX)
    kind: OrganisationKindName
    city: CityOrOther
    name_local: CleanText = Field(default="", max_length=NAME_MAX)
    district: CleanText = Field(default="", max_length=SHORT_TEXT_MAX)
    description: CleanText = Field(default="", max_length=LONG_TEXT_MAX)
    offers: CleanText = Field(default="", max_length=LONG_TEXT_MAX)
    seeks: CleanText = Field(default="", max_length=LONG_TEXT_MAX)
    # For an enclave: the city it represents inside Songjiang.
    home_city: CitySlug | Literal[""] = ""
    address: CleanText = Field(default="", max_length=SHORT_TEXT_MAX)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    visiting_hours: VisitingHours = Field(default="", max_length=SHORT_TEXT_MAX)
    visit_minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=LANGUAGES_MAX)
    hosts_delegations: bool | None = None
    website: WebAddress = Field(default="", max_length=SHORT_TEXT_MAX)
    public_contact: CleanText = Field(default="", max_length=SHORT_TEXT_MAX)
    source: CleanText = Field(default="", max_length=SHORT_TEXT_MAX)

    @model_validator(mode="after")
    def both_coordinates(self) -> Self:
        """A place needs both coordinates or neither."""
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise PydanticCustomError("coordinates", "give both coordinates", {"field": missing})
        return self


class OrganisationLinks(SQLModel):
    """What an organisation refers to, by sector slug and organisation name."""

    sectors: list[SectorSlug] = Field(default_factory=list, max_length=SECTORS_MAX)
    # The host park or location, by name.
    parent: OrganisationName = ""
    # The alliances it belongs to, by name.
    member_of: list[OrganisationName] = Field(default_factory=list, max_length=MEMBERSHIPS_MAX)


class OrganisationCreate(OrganisationLinks, OrganisationBase):
    """A whole organisation record: an import row, a form, an API write or an export row."""

    # An unknown field is refused, not silently dropped.
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    # Shown to coordinators only.
    private_contact: CleanText = Field(default="", max_length=SHORT_TEXT_MAX)


class OrganisationPublic(OrganisationLinks, OrganisationBase):
    """An organisation as anyone may see it."""

    # An answer always carries every field, so the document lists them all as present.
    model_config = ConfigDict(  # type: ignore[assignment]
        json_schema_mode_override="serialization", json_schema_serialization_defaults_required=True
    )

    id: int


class OrganisationCoordinatorView(OrganisationPublic):
    """What coordinators also see; the private contact only reaches administrators."""

    # null in answers to a coordinator who is not an administrator.
    private_contact: str | None = Field(
        description="The private contact; null unless the token is an administrator's."
    )
    archived: bool


def _membership(*, back_populates: str, side: str) -> Any:
    """One side of the alliance membership link: from the organisation on ``side`` of a
    Membership row (``member_id`` or ``alliance_id``) to the one on the other side."""
    other = "alliance_id" if side == "member_id" else "member_id"
    return Relationship(
        back_populates=back_populates,
        link_model=Membership,
        sa_relationship_kwargs={
            "primaryjoin": f"Organisation.id == Membership.{side}",
            "secondaryjoin": f"Organisation.id == Membership.{other}",
        },
    )


class Organisation(OrganisationBase, table=True):
    """A park, enclave, company or other body a delegation can meet."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_MAX, unique=True, index=True)
    kind: OrganisationKind = Field(
        sa_column=Column(
            sa.Enum(OrganisationKind, native_enum=False, length=20, validate_strings=True),
            nullable=False,
            index=True,
        )
    )
    # One of the nine city slugs in data/cities.json, or "other".
    city: str = Field(max_length=40, index=True)
    home_city: str = Field(default="", max_length=40)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    private_contact: str = Field(default="", max_length=SHORT_TEXT_MAX)

    # A company's host park, an enclave's host location.
    parent_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )
    archived: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())

    sectors: list[Sector] = Relationship(
        back_populates="organisations", link_model=OrganisationSector
    )
    parent: Optional["Organisation"] = Relationship(  # noqa: UP045  (SQLAlchemy reads the string)
        back_populates="children",
        sa_relationship_kwargs={"remote_side": "Organisation.id"},
    )
    children: list["Organisation"] = Relationship(back_populates="parent")
    alliances: list["Organisation"] = _membership(back_populates="members", side="member_id")
    members: list["Organisation"] = _membership(back_populates="alliances", side="alliance_id")


class DirectoryVersion(SQLModel, table=True):
    """One row counting changes to the directory, so every worker notices them."""

    __tablename__ = "directory_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
