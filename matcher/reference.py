"""The shipped reference data: the sector taxonomy and the nine cities of the valley."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("en", "zh", "fr", "es", "ar", "ru")
OTHER_CITY = "other"


class ReferenceDataError(ValueError):
    """A shipped data file is malformed; the message names the file and record."""


@dataclass(frozen=True)
class City:
    slug: str
    names: dict[str, str]
    province: str
    latitude: float
    longitude: float

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class SectorLabel:
    slug: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Cities:
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


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(f"{path.name}:{exc.lineno}: {exc.msg}") from exc


def parse_sectors(path: Path) -> list[SectorLabel]:
    """Read and check the sector taxonomy: unique slugs, a label in every language."""
    sectors: list[SectorLabel] = []
    seen: set[str] = set()
    for index, record in enumerate(_read(path).get("sectors", []), start=1):
        slug = record.get("slug") if isinstance(record, dict) else None
        where = f"{path.name}: sector {index} ({slug or 'no slug'})"
        if not slug or not isinstance(slug, str):
            raise ReferenceDataError(f"{where}: slug: missing")
        if slug in seen:
            raise ReferenceDataError(f"{where}: slug: duplicate")
        labels = record.get("labels") or {}
        missing = [lang for lang in LANGUAGES if not str(labels.get(lang, "")).strip()]
        if missing:
            raise ReferenceDataError(f"{where}: labels: missing {', '.join(missing)}")
        seen.add(slug)
        sectors.append(SectorLabel(slug=slug, labels={k: labels[k] for k in LANGUAGES}))
    if not sectors:
        raise ReferenceDataError(f"{path.name}: no sectors")
    return sectors


def parse_cities(path: Path) -> Cities:
    """Read and check the cities and their complete travel-time table."""
    document = _read(path)
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
        if "en" not in record.get("names", {}):
            raise ReferenceDataError(f"{where}: names: no English name")
        by_slug[slug] = City(slug, record["names"], record.get("province", ""), latitude, longitude)

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
    return Cities(by_slug, minutes, travel.get("method", ""))


@cache
def sectors(data: Path = DATA) -> tuple[SectorLabel, ...]:
    return tuple(parse_sectors(data / "sectors.json"))


@cache
def cities(data: Path = DATA) -> Cities:
    return parse_cities(data / "cities.json")
