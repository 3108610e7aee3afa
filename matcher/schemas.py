"""Shapes of the JSON API: what requests carry and responses return (not tables).

The OpenAPI document at /api/v1/openapi.json is generated from these classes, and requests are
validated with them, so the document cannot drift from the code.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from . import i18n, reference
from .delegations import MAX_GROUP_SIZE
from .models import LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX

# The shipped reference data are part of the contract: the document lists their values.
CitySlug = Literal[tuple(reference.cities().by_slug)]
CityOrOther = Literal[(*reference.cities().by_slug, reference.OTHER_CITY)]
CityFilter = Literal[("", *reference.cities().by_slug, reference.OTHER_CITY)]
SectorSlug = Literal[tuple(s.slug for s in reference.sectors())]
SectorFilter = Literal[("", *(s.slug for s in reference.sectors()))]
SpokenLanguage = Literal[i18n.SPOKEN_LANGUAGES]
CountryCode = Literal[tuple(code for code, _ in i18n.country_choices("en"))]

OrganisationKindName = Literal[
    "park", "enclave", "company", "alliance", "fund", "university", "institute", "platform"
]
OrganisationKindFilter = Literal[
    "", "park", "enclave", "company", "alliance", "fund", "university", "institute", "platform"
]
DelegationKindName = Literal["government", "chamber", "company", "university", "other"]
DecisionName = Literal["accept", "reject", "pin", "unpin", "note", "reset"]
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


class OrganisationPublic(BaseModel):
    """An organisation as anyone may see it."""

    id: int
    name: str
    name_local: str
    kind: OrganisationKindName
    city: str
    district: str
    sectors: list[str]
    description: str
    offers: str
    seeks: str
    parent: str
    home_city: str
    member_of: list[str]
    address: str
    latitude: float | None
    longitude: float | None
    visiting_hours: str
    visit_minutes: int | None
    capacity: int | None
    languages: list[str]
    hosts_delegations: bool | None
    website: str
    public_contact: str
    source: str


class OrganisationCoordinatorView(OrganisationPublic):
    """What coordinators also see."""

    private_contact: str
    archived: bool


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


class OrganisationWrite(Strict):
    """A new organisation, or every field of an existing one (checked like an import row)."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: OrganisationKindName
    city: CityOrOther
    name_local: str = Field("", max_length=NAME_MAX)
    district: str = Field("", max_length=SHORT_TEXT_MAX)
    sectors: list[SectorSlug] = Field(default_factory=list, max_length=40)
    description: str = Field("", max_length=LONG_TEXT_MAX)
    offers: str = Field("", max_length=LONG_TEXT_MAX)
    seeks: str = Field("", max_length=LONG_TEXT_MAX)
    parent: str = Field("", max_length=NAME_MAX)
    home_city: CitySlug | Literal[""] = ""
    member_of: list[str] = Field(default_factory=list, max_length=40)
    address: str = Field("", max_length=SHORT_TEXT_MAX)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    visiting_hours: str = Field("", max_length=SHORT_TEXT_MAX)
    visit_minutes: int | None = Field(None, ge=1, le=24 * 60)
    capacity: int | None = Field(None, ge=1, le=100_000)
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        default_factory=list, max_length=20
    )
    hosts_delegations: bool | None = None
    website: str = Field("", max_length=SHORT_TEXT_MAX)
    public_contact: str = Field("", max_length=SHORT_TEXT_MAX)
    private_contact: str = Field("", max_length=SHORT_TEXT_MAX)
    source: str = Field("", max_length=SHORT_TEXT_MAX)


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
