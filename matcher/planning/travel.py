"""Road minutes between cities and between sites of one city."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import DEFAULT_SAME_CITY_MINUTES, City

# The hotel is a site of its own: reaching any visit from it takes the same-city minutes.
HOTEL = "\x00hotel"

TravelInput = Mapping[tuple[str, str], int] | Mapping[str, Mapping[str, int]]


@dataclass(frozen=True, slots=True)
class TravelTable:
    """Symmetric road minutes between city slugs, plus the within-city default."""

    minutes_between: Mapping[tuple[str, str], int] = field(default_factory=dict)
    same_city_minutes: int = DEFAULT_SAME_CITY_MINUTES

    @classmethod
    def from_mapping(
        cls, table: TravelInput | TravelTable, same_city_minutes: int = DEFAULT_SAME_CITY_MINUTES
    ) -> TravelTable:
        """Accept {(a, b): minutes} or {a: {b: minutes}}; fill in the reverse direction."""
        if isinstance(table, TravelTable):
            return cls(table.minutes_between, same_city_minutes)
        pairs: dict[tuple[str, str], int] = {}
        for key, value in table.items():
            if isinstance(key, tuple):
                pairs[key] = int(value)  # type: ignore[arg-type]
            else:
                for destination, minutes in value.items():  # type: ignore[union-attr]
                    pairs[(key, destination)] = int(minutes)
        for (origin, destination), minutes in list(pairs.items()):
            if minutes < 0:
                raise ValueError(f"negative travel time from {origin} to {destination}")
            pairs.setdefault((destination, origin), minutes)
        return cls(pairs, same_city_minutes)

    def cities(self) -> set[str]:
        """Every city slug the table knows."""
        return {city for pair in self.minutes_between for city in pair}

    def between_cities(self, origin: str, destination: str) -> int | None:
        """Minutes from one city to another; None when the table has no figure."""
        if origin == destination:
            return self.same_city_minutes
        return self.minutes_between.get((origin, destination))

    def between(
        self, origin: str, origin_site: str, destination: str, destination_site: str
    ) -> int | None:
        """Minutes between two sites: 0 at the same site, the city default within a city."""
        if origin == destination:
            return 0 if origin_site == destination_site else self.same_city_minutes
        return self.minutes_between.get((origin, destination))


def cities_from_json(data: Mapping[str, Any]) -> tuple[list[City], dict[str, dict[str, int]]]:
    """The cities and the nested travel table from the parsed contents of data/cities.json."""
    cities = [
        City(
            slug=entry["slug"],
            name=entry.get("names", {}).get("en", entry["slug"].title()),
            latitude=float(entry["latitude"]),
            longitude=float(entry["longitude"]),
            names=dict(entry.get("names", {})),
        )
        for entry in data.get("cities", [])
    ]
    minutes = data.get("travel", {}).get("minutes", {})
    return cities, {origin: dict(row) for origin, row in minutes.items()}


def city_label(slug: str) -> str:
    """A readable name for a city slug in reasons and notes ("other" → "Other")."""
    return slug.replace("-", " ").replace("_", " ").title() if slug else "an unknown city"
