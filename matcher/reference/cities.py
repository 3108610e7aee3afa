"""data/cities.json: the nine cities of the valley and the road minutes between them."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..planning import City
from . import DATA, ReferenceDataError, read_json

# The slug an organisation outside the nine cities carries.
OTHER_CITY = "other"


@dataclass(frozen=True)
class Cities:
    """The cities by slug and the complete road travel-time table between them."""

    by_slug: dict[str, City]
    travel_minutes: dict[str, dict[str, int]]
    travel_method: str

    def __contains__(self, slug: object) -> bool:
        return slug in self.by_slug

    def minutes(self, origin: str, destination: str) -> int | None:
        """Road travel time between two cities, or None when the table lacks the pair."""
        if origin == destination:
            return 0
        return self.travel_minutes.get(origin, {}).get(destination)


def parse(path: Path) -> Cities:
    """Read and check the cities and their complete travel-time table."""
    document = read_json(path)
    by_slug: dict[str, City] = {}
    for index, record in enumerate(document.get("cities", []), start=1):
        slug = record.get("slug")
        where = f"{path.name}: city {index} ({slug or 'no slug'})"
        if not slug or slug in by_slug or slug == OTHER_CITY:
            raise ReferenceDataError(f"{where}: slug: missing, duplicate or reserved")
        try:
            latitude, longitude = float(record["latitude"]), float(record["longitude"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ReferenceDataError(f"{where}: coordinates: missing or not a number") from exc
        names = record.get("names", {})
        if "en" not in names:
            raise ReferenceDataError(f"{where}: names: no English name")
        by_slug[slug] = City(slug, names["en"], latitude, longitude, dict(names))

    travel = document.get("travel", {})
    minutes = travel.get("minutes", {})
    for origin in by_slug:
        for destination in by_slug:
            if origin == destination:
                continue
            value = minutes.get(origin, {}).get(destination)
            if not isinstance(value, int) or value <= 0:
                raise ReferenceDataError(
                    f"{path.name}: travel {origin} -> {destination}: missing or not a positive "
                    "number of minutes"
                )
    unknown = {slug for slug in minutes} - set(by_slug)
    if unknown:
        raise ReferenceDataError(f"{path.name}: travel: unknown city {sorted(unknown)[0]}")
    table = {origin: dict(row) for origin, row in minutes.items()}
    return Cities(by_slug, table, travel.get("method", ""))


@cache
def load(data: Path = DATA) -> Cities:
    """The shipped cities, read once per process."""
    return parse(data / "cities.json")


def slugs(data: Path = DATA, *, other: bool = False) -> list[str]:
    """The nine city slugs in the file's order, with "other" last when asked."""
    return [*load(data).by_slug, *([OTHER_CITY] if other else [])]
