"""SQLModel tables and the record shapes derived with them, one module per area.

Importing this registers every table on SQLModel.metadata.
"""

from .accounts import ApiToken, MatchEvent, Outcome, OutcomeKind, Role, User
from .common import utcnow
from .delegations import (
    Delegation,
    DelegationKind,
    DelegationStatus,
    Interest,
    InterestSector,
    Match,
    MatchStatus,
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
from .itineraries import Itinerary, ScheduledVisit
from .rules import LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX

__all__ = [
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
    "DelegationKind",
    "DelegationStatus",
    "DirectoryVersion",
    "Interest",
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
    "utcnow",
]
