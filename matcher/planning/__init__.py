"""Itinerary planning: pure functions from visit requests and a trip to a day-by-day plan.

The service plans with the period planner (``period/``: every delegation of a period together,
CP-SAT, rail and road legs from ``transport.py``, hours and holidays from ``calendar.py``; its
rules are in ``period/__init__.py``). The shapes below (``model.py``) are shared by both planners
and the exports. ``greedy.py`` (with ``day.py`` and ``state.py``) is the first planner, kept as
the benchmark's baseline; its rules, in the order they apply:

- Times are Shanghai wall time; outputs carry the fixed +08:00 offset (China has no DST).
  Naive inputs (locks, bookings) are read as Shanghai time, aware ones are converted.
- Bad settings raise ValueError when PlanSettings is built: departure before arrival, a day
  that ends before it starts, a lunch window shorter than the break, a trip over 60 days.
  Everything else (no requests, too many visits, unknown cities, missing hours) yields a plan
  whose `unplaced` reasons and `notes` say what happened.
- Every date from arrival to departure is a working day unless listed in `rest_days`.
- A day starts at the hotel in the base city (default Songjiang) at `day_start` and ends back
  there by `day_end`. Exception, the overnight rule: when the day's last stop is more than
  `overnight_after_minutes` (default 180) from the base and the next date is a working day,
  the delegation sleeps in that city and the next day starts there.
- Travel: the city table's minutes between cities; `same_city_minutes` (default 30) between two
  sites of one city, or the hotel and a site; 0 between requests sharing a site key. Requests
  with the same site key are one stop, visited back to back; a stop counts once towards
  `max_visits_per_day` (default 4). Legs leave just in time, so waits happen before leaving.
- Lunch: a `lunch_minutes` break (default 60) inside `lunch_window` (default 12:00–13:30) with
  no visit in it; the coach may be on the road during lunch.
- A visit lasts `visit_minutes` (default 60); it lies inside the organisation's visiting hours
  (no hours on record: open all day, with a note) and outside its other bookings; an
  organisation at `capacity` bookings on a date takes no more visits that date.
- Locked visits are placed first, exactly as set, even outside hours or bookings (with notes);
  a lock outside the trip or clashing with an earlier lock is unplaced with a reason.
- Then pinned requests, then the rest by descending strength, ties by organisation id. Each
  goes to the working day where it adds the fewest city changes, then the fewest travel
  minutes, then to the day with fewer cities, fewer stops, then the earliest date.
- Within a day every order of up to 6 stops is tried (exact); beyond, stops are grouped by
  city, cities visited nearest-first, then improved by moving single stops (or-opt) while the
  day gets cheaper. A day's cost is (city changes, travel minutes, finishing time).
- A visit needs an interpreter when its hosts (default: Chinese only) share no language with
  the delegation; the interpreter works into the delegation's first language (default English).
"""

from .greedy import interpreter_needs, plan_itinerary
from .hours import parse_hours
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
