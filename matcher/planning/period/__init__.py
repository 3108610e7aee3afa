"""Planning a period: every delegation's visits, placed together and timed, with reasons."""

from .inputs import Day, Host, Item, PeriodPlan, Trip, TripPlan, Unplaced, Wish
from .invariants import violations
from .solve import plan_period

__all__ = [
    "Day",
    "Host",
    "Item",
    "PeriodPlan",
    "Trip",
    "TripPlan",
    "Unplaced",
    "Wish",
    "plan_period",
    "violations",
]
