"""Shapes of the JSON API: what requests carry and responses return (not tables).

The OpenAPI document at /api/v1/openapi.json is generated from these classes, and requests are
validated with them, so the document cannot drift from the code.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from ... import i18n
from ...models import (
    LONG_TEXT_MAX,
    NAME_MAX,
    DelegationKind,
    OrganisationCreate,
    OrganisationKind,
    OrganisationPublic,
)
from ...models.directory import OrganisationKindName
from ...models.rules import CitySlug, SectorSlug
from ...reference import cities, sectors
from ...services.delegations import MAX_GROUP_SIZE
from ...services.review import ACTIONS

# The shipped reference data are part of the contract: the document lists their values.
CityFilter = Literal[("", *cities.slugs(other=True))]
SectorFilter = Literal[("", *sectors.slugs())]
SpokenLanguage = Literal[i18n.SPOKEN_LANGUAGES]
CountryCode = Literal[tuple(code for code, _ in i18n.country_choices("en"))]

OrganisationKindFilter = Literal[("", *OrganisationKind)]
DelegationKindName = Literal[tuple(DelegationKind)]
DecisionName = Literal[ACTIONS]
ExportFormat = Literal["ics", "csv", "pdf", "json"]


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


class InterestIn(Strict):
    offers: str = Field("", max_length=LONG_TEXT_MAX)
    seeks: str = Field("", max_length=LONG_TEXT_MAX)
    sectors: list[SectorSlug] = Field(default_factory=list, max_length=40)
    preferred_cities: list[CitySlug] = Field(default_factory=list, max_length=10)
    preferred_kinds: list[OrganisationKindName] = Field(default_factory=list, max_length=8)


class DelegationCreate(Strict):
    """A delegation's registration: the interest form's fields, with the same rules."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code")
    kind: DelegationKindName
    contact_name: str = Field(min_length=1, max_length=NAME_MAX)
    contact_email: EmailStr = Field(max_length=254)
    contact_phone: str = Field("", max_length=40, pattern=r"^[0-9+()\-.\s]*$")
    languages: list[SpokenLanguage] = Field(default_factory=list, max_length=30)
    locale: Literal["en", "zh", "fr", "es", "ar", "ru"] = "en"
    arrival: date
    departure: date
    group_size: int = Field(ge=1, le=MAX_GROUP_SIZE)
    interest: InterestIn
    consent: Literal[True] = Field(description="The delegate agrees to the use of the data.")

    @field_validator("name", "contact_name")
    @classmethod
    def no_control_characters(cls, value: str) -> str:
        if any(ord(c) < 32 for c in value):
            raise ValueError("remove the control characters")
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


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


class InterestOut(BaseModel):
    offers: str
    seeks: str
    sectors: list[str]
    preferred_cities: list[str]
    preferred_kinds: list[str]


class DelegationOut(BaseModel):
    """A delegation as the holder of its private link sees it."""

    id: int
    name: str
    country: str
    kind: str
    contact_name: str
    contact_email: str
    contact_phone: str
    languages: list[str]
    locale: str
    arrival: date
    departure: date
    group_size: int
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
