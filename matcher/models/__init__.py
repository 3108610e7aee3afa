"""SQLModel tables and the record shapes derived with them, one module per area.

Importing this registers every table on SQLModel.metadata.
"""

from .accounts import ApiToken, MatchEvent, Outcome, OutcomeKind, Role, User
from .common import utcnow
from .delegations import (
    Delegation,
    DelegationBase,
    DelegationDetails,
    DelegationKind,
    DelegationStatus,
    Interest,
    InterestBase,
    InterestDetails,
    InterestSector,
    Match,
    MatchStatus,
    says_what_it_wants,
)
from .directory import (
    DirectoryVersion,
    Membership,
    Organisation,
    OrganisationBase,
    OrganisationCoordinatorView,
    OrganisationCreate,
    OrganisationKind,
    OrganisationLinks,
    OrganisationPublic,
    OrganisationSector,
    Sector,
)
from .drafts import FormDraft
from .health import HealthCheck
from .itineraries import Itinerary, ScheduledVisit
from .rules import LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX

__all__ = [
    "FormDraft",
    "HealthCheck",
    "ApiToken",
    "MatchEvent",
    "Outcome",
    "OutcomeKind",
    "Role",
    "User",
    "LONG_TEXT_MAX",
    "NAME_MAX",
    "SHORT_TEXT_MAX",
    "Delegation",
    "DelegationBase",
    "DelegationDetails",
    "DelegationKind",
    "DelegationStatus",
    "DirectoryVersion",
    "Interest",
    "InterestBase",
    "InterestDetails",
    "InterestSector",
    "Itinerary",
    "ScheduledVisit",
    "Match",
    "MatchStatus",
    "Membership",
    "Organisation",
    "OrganisationBase",
    "OrganisationCoordinatorView",
    "OrganisationCreate",
    "OrganisationPublic",
    "OrganisationKind",
    "OrganisationLinks",
    "OrganisationSector",
    "Sector",
    "says_what_it_wants",
    "utcnow",
]
