"""Shapes of the JSON API: what requests carry and responses return (not tables).

The OpenAPI document at /api/v1/openapi.json is generated from these classes, and requests are
validated with them, so the document cannot drift from the code.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...models import (
    LONG_TEXT_MAX,
    DelegationBase,
    InterestDetails,
    OrganisationCreate,
    OrganisationKind,
    OrganisationPublic,
)
from ...reference import cities, sectors
from ...services.review import ACTIONS

# The shipped reference data are part of the contract: the document lists their values.
CityFilter = Literal[("", *cities.slugs(other=True))]
SectorFilter = Literal[("", *sectors.slugs())]

OrganisationKindFilter = Literal[("", *OrganisationKind)]
DecisionName = Literal[ACTIONS]
ExportFormat = Literal["ics", "csv", "xlsx", "pdf", "json", "svg"]


class Strict(BaseModel):
    """Unknown fields are refused rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


class ErrorResponse(BaseModel):
    """Every error: a short name, a sentence, and messages per field when fields were wrong."""

    error: str
    detail: str
    fields: dict[str, list[str]] = {}


class PageQuery(Strict):
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)


class OrganisationListQuery(PageQuery):
    q: str = Field("", max_length=200)
    city: CityFilter = ""
    kind: OrganisationKindFilter = ""
    sector: SectorFilter = ""


class OrganisationSearchQuery(Strict):
    text: str = Field(min_length=1, max_length=5000)
    k: int = Field(10, ge=1, le=50)
    city: CityFilter = ""
    kind: OrganisationKindFilter = ""
    sector: SectorFilter = ""


class OrganisationPath(BaseModel):
    organisation_id: int = Field(ge=1, le=2**31 - 1)


class OrganisationPage(BaseModel):
    items: list[OrganisationPublic]
    total: int
    page: int
    pages: int


class Recommendation(BaseModel):
    organisation: OrganisationPublic
    score: float
    band: str
    reason: str
    terms: list[str]
    sectors: list[str]


class SearchResult(BaseModel):
    items: list[Recommendation]
    reason: str | None = None


class OrganisationWrite(OrganisationCreate):
    """A new organisation, or every field of an existing one (checked like an import row)."""


# What the delegation offers and seeks: the interest form's fields, with the same rules.
class InterestIn(InterestDetails, Strict): ...


class DelegationCreate(DelegationBase, Strict):
    """A delegation's registration: the interest form's fields, with the same rules."""

    interest: InterestIn
    consent: Literal[True] = Field(description="The delegate agrees to the use of the data.")


class TokenPath(BaseModel):
    token: str = Field(min_length=1, max_length=64)


class DelegationPath(BaseModel):
    delegation_id: int = Field(ge=1, le=2**31 - 1)


class MatchPath(BaseModel):
    match_id: int = Field(ge=1, le=2**31 - 1)


class MatchOut(BaseModel):
    id: int
    organisation_id: int
    organisation: str
    kind: str
    city: str
    rank: int
    band: str
    status: str
    pinned: bool
    added_by_coordinator: bool
    reason: str
    revision: int


class MatchList(BaseModel):
    items: list[MatchOut]


# An answer always carries every field, so the document lists them all as present.
ANSWER = ConfigDict(
    json_schema_mode_override="serialization", json_schema_serialization_defaults_required=True
)


# A delegation's interest as it stands.
class InterestOut(InterestDetails):
    model_config = ANSWER  # type: ignore[assignment]


class DelegationOut(DelegationBase):
    """A delegation as the holder of its private link sees it."""

    model_config = ANSWER  # type: ignore[assignment]

    id: int
    status: str
    interest: InterestOut
    matches: list[MatchOut]


class DelegationCreated(BaseModel):
    token: str
    url: str
    delegation: DelegationOut
    reason: str | None = None


class Decision(Strict):
    action: DecisionName
    revision: int = Field(ge=0, le=2**31 - 1)
    text: str = Field("", max_length=LONG_TEXT_MAX)


class MatchListQuery(Strict):
    delegation_id: int = Field(ge=1, le=2**31 - 1)


class ExportQuery(Strict):
    format: ExportFormat = "json"


class ItineraryOut(BaseModel):
    """A plan as matcher.exports writes it: days of visits and travel, and what did not fit."""

    sequence: int
    published: bool
    plan: dict


class HostWeekQuery(Strict):
    """A period of hosts' visits: its first date and its length in days."""

    start: date
    days: int = Field(7, ge=1, le=31)


class HostBookingOut(BaseModel):
    delegation_id: int
    delegation: str
    start: str = Field(description="HH:MM, Shanghai time")
    end: str = Field(description="HH:MM, Shanghai time")


class HostDayOut(BaseModel):
    date: date
    bookings: list[HostBookingOut]
    conflict: str | None = Field(description="Why the host is overbooked that day, if it is")


class HostWeekRowOut(BaseModel):
    organisation_id: int
    name: str
    city: str
    capacity: int | None
    days: list[HostDayOut]


class HostWeekOut(BaseModel):
    """Hosts receiving delegations in the period, each with its visits by date."""

    dates: list[date]
    conflicts: int
    hosts: list[HostWeekRowOut]
