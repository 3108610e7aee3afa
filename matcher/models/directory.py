"""Tables of the directory: organisations, sectors and how they relate."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, Relationship, SQLModel

from .common import timestamp, utcnow


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


# Text limits shared by the table, the import validation and the forms.
NAME_MAX = 200
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 4000


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


class Organisation(SQLModel, table=True):
    """A park, enclave, company or other body a delegation can meet."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_MAX, unique=True, index=True)
    name_local: str = Field(default="", max_length=NAME_MAX)
    kind: OrganisationKind = Field(
        sa_column=Column(
            sa.Enum(OrganisationKind, native_enum=False, length=20, validate_strings=True),
            nullable=False,
            index=True,
        )
    )
    # One of the nine city slugs in data/cities.json, or "other".
    city: str = Field(max_length=40, index=True)
    district: str = Field(default="", max_length=SHORT_TEXT_MAX)
    description: str = Field(default="", max_length=LONG_TEXT_MAX)
    offers: str = Field(default="", max_length=LONG_TEXT_MAX)
    seeks: str = Field(default="", max_length=LONG_TEXT_MAX)

    # A company's host park, an enclave's host location.
    parent_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )
    # For an enclave: the city it represents inside Songjiang.
    home_city: str = Field(default="", max_length=40)

    address: str = Field(default="", max_length=SHORT_TEXT_MAX)
    latitude: float | None = None
    longitude: float | None = None
    visiting_hours: str = Field(default="", max_length=SHORT_TEXT_MAX)
    visit_minutes: int | None = None
    capacity: int | None = None
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    hosts_delegations: bool | None = None

    website: str = Field(default="", max_length=SHORT_TEXT_MAX)
    public_contact: str = Field(default="", max_length=SHORT_TEXT_MAX)
    # Shown to coordinators only.
    private_contact: str = Field(default="", max_length=SHORT_TEXT_MAX)
    source: str = Field(default="", max_length=SHORT_TEXT_MAX)

    archived: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())

    sectors: list[Sector] = Relationship(
        back_populates="organisations", link_model=OrganisationSector
    )
    parent: "Organisation" = Relationship(
        back_populates="children",
        sa_relationship_kwargs={"remote_side": "Organisation.id"},
    )
    children: list["Organisation"] = Relationship(back_populates="parent")
    alliances: list["Organisation"] = Relationship(
        back_populates="members",
        link_model=Membership,
        sa_relationship_kwargs={
            "primaryjoin": "Organisation.id == Membership.member_id",
            "secondaryjoin": "Organisation.id == Membership.alliance_id",
        },
    )
    members: list["Organisation"] = Relationship(
        back_populates="alliances",
        link_model=Membership,
        sa_relationship_kwargs={
            "primaryjoin": "Organisation.id == Membership.alliance_id",
            "secondaryjoin": "Organisation.id == Membership.member_id",
        },
    )


class DirectoryVersion(SQLModel, table=True):
    """One row counting changes to the directory, so every worker notices them."""

    __tablename__ = "directory_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
