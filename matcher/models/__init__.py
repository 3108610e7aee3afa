"""SQLModel tables, one module per area; importing this registers them all."""

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
    LONG_TEXT_MAX,
    NAME_MAX,
    SHORT_TEXT_MAX,
    DirectoryVersion,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationSector,
    Sector,
)
from .health import HealthCheck
from .itineraries import Itinerary, ScheduledVisit

__all__ = [
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
    "OrganisationKind",
    "OrganisationSector",
    "Sector",
    "utcnow",
]
