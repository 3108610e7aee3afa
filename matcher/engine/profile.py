"""Which parts of an organisation record feed the engine, shared by the app and the benchmarks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The profile fields the matcher weighs, in the order explanations prefer them on ties.
PROFILE_FIELDS = ("name", "sectors", "offers", "seeks", "description")


def profile_fields(record: Mapping[str, Any], sector_labels: Mapping[str, str]) -> dict[str, str]:
    """Engine text of one organisation: name (with local name), sector labels, offers, seeks,
    description. sector_labels maps a sector slug to its English label."""
    name = " ".join(str(record.get(key) or "") for key in ("name", "name_local")).strip()
    sectors = "; ".join(sector_labels.get(slug, slug.replace("-", " ")) for slug in _slugs(record))
    return {
        "name": name,
        "sectors": sectors,
        "offers": str(record.get("offers") or ""),
        "seeks": str(record.get("seeks") or ""),
        "description": str(record.get("description") or ""),
    }


def profile_attributes(record: Mapping[str, Any]) -> dict[str, Any]:
    """Filter and diversity attributes of one organisation; the host park is its group."""
    return {
        "kind": str(record.get("kind") or ""),
        "city": str(record.get("city") or ""),
        "sectors": _slugs(record),
        "group": record.get("parent") or None,
    }


def english_sector_labels(sectors_data: Mapping[str, Any]) -> dict[str, str]:
    """Slug → English label from data/sectors.json ({"sectors": [{"slug", "labels"}]})."""
    return {s["slug"]: s["labels"]["en"] for s in sectors_data["sectors"]}


def _slugs(record: Mapping[str, Any]) -> list[str]:
    return [str(s) for s in record.get("sectors") or []]
