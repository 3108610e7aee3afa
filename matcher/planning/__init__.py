"""Itinerary planning: pure functions from visit requests and a trip to a day-by-day plan."""

from .hours import parse_hours
from .itinerary import interpreter_needs, plan_itinerary
from .model import (
    DEFAULT_HOST_LANGUAGES,
    DEFAULT_OVERNIGHT_AFTER_MINUTES,
    DEFAULT_SAME_CITY_MINUTES,
    DEFAULT_VISIT_MINUTES,
    SHANGHAI,
    Bookings,
    City,
    DayPlan,
    Plan,
    PlanSettings,
    Travel,
    Unplaced,
    Visit,
    VisitRequest,
)
from .travel import TravelTable, cities_from_json

__all__ = [
    "DEFAULT_HOST_LANGUAGES",
    "DEFAULT_OVERNIGHT_AFTER_MINUTES",
    "DEFAULT_SAME_CITY_MINUTES",
    "DEFAULT_VISIT_MINUTES",
    "SHANGHAI",
    "Bookings",
    "City",
    "DayPlan",
    "Plan",
    "PlanSettings",
    "Travel",
    "TravelTable",
    "Unplaced",
    "Visit",
    "VisitRequest",
    "cities_from_json",
    "interpreter_needs",
    "parse_hours",
    "plan_itinerary",
]
