"""Door-to-door travel between the valley's cities by coach or high-speed rail (data/travel.json).

A group takes the train when, with the coach to the station, boarding and the coach from the
station at the other end, it still arrives sooner than the coach on the road; otherwise the coach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Mode = Literal["rail", "road", "walk"]


class TransportDataError(ValueError):
    """The travel table is malformed; the message names the record."""


@dataclass(frozen=True, slots=True)
class Leg:
    """How a group gets from one city to another, and how long it takes door to door."""

    mode: Mode
    minutes: int
    # rail only: the minutes on the train, the rest being station access and boarding
    train_minutes: int = 0


@dataclass(frozen=True, slots=True)
class Transport:
    """Road and rail minutes between city pairs, station access per city, boarding margin."""

    road: Mapping[frozenset[str], int]
    rail: Mapping[frozenset[str], int]
    access: Mapping[str, int]
    boarding_minutes: int
    same_city_minutes: int = 30

    @classmethod
    def from_json(cls, data: Mapping[str, Any], same_city_minutes: int = 30) -> Transport:
        """Read the parsed contents of data/travel.json; every figure must be a positive int."""
        road: dict[frozenset[str], int] = {}
        rail: dict[frozenset[str], int] = {}
        access: dict[str, int] = {}
        for index, station in enumerate(data.get("stations", []), start=1):
            minutes = station.get("access_minutes")
            if not station.get("city") or not _positive(minutes):
                raise TransportDataError(f"travel.json: station {index}: city or access_minutes")
            access[station["city"]] = minutes
        for index, pair in enumerate(data.get("pairs", []), start=1):
            cities = pair.get("cities") or []
            if len(set(cities)) != 2 or not _positive(pair.get("road_minutes")):
                raise TransportDataError(f"travel.json: pair {index}: two cities and road_minutes")
            key = frozenset(cities)
            road[key] = pair["road_minutes"]
            if pair.get("rail_minutes") is not None:
                if not _positive(pair["rail_minutes"]):
                    raise TransportDataError(f"travel.json: pair {index}: rail_minutes")
                rail[key] = pair["rail_minutes"]
        boarding = data.get("boarding_minutes", 0)
        if not isinstance(boarding, int) or boarding < 0:
            raise TransportDataError("travel.json: boarding_minutes")
        return cls(road, rail, access, boarding, same_city_minutes)

    def cities(self) -> set[str]:
        """Every city the table can route to or from."""
        return {city for pair in self.road for city in pair}

    def knows(self, city: str) -> bool:
        """Whether the table has figures for this city."""
        return city in self.cities()

    def leg(self, origin: str, destination: str) -> Leg | None:
        """The faster practical way between two cities; None when a city is not in the table."""
        if origin == destination:
            return Leg("road", self.same_city_minutes) if self.knows(origin) else None
        key = frozenset((origin, destination))
        road = self.road.get(key)
        if road is None:
            return None
        best = Leg("road", road)
        train = self.rail.get(key)
        if train is not None and origin in self.access and destination in self.access:
            door = self.access[origin] + self.boarding_minutes + train + self.access[destination]
            if door < road:
                best = Leg("rail", door, train)
        return best

    def minutes(self, origin: str, destination: str) -> int | None:
        """Door-to-door minutes between two cities (the same-city figure within one)."""
        leg = self.leg(origin, destination)
        return leg.minutes if leg else None


def _positive(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
