"""Which parts of an organisation record feed the engine, shared by the app and the benchmarks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any, cast

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


def profile_texts(texts: Sequence[str | Mapping[str, Any] | None]) -> list[Mapping[str, str]]:
    """Every profile as field → text (`profile_text`). Dicts of text to text, what the app and
    the benchmarks pass, are checked all at once and used as they are."""
    if set(map(type, texts)) == {dict}:
        dicts = cast(Sequence[dict[Any, Any]], texts)
        keys = map(type, chain.from_iterable(dicts))
        values = map(type, chain.from_iterable(map(dict.values, dicts)))
        if {*keys, *values} <= {str}:
            return list(cast(Sequence[dict[str, str]], dicts))
    return [profile_text(t) for t in texts]


def profile_text(text: str | Mapping[str, Any] | None) -> Mapping[str, str]:
    """A profile as field → text; a plain string is the single field "text". A mapping of
    text to text is used as it is (a copy of every profile would only cost the build memory)."""
    if not isinstance(text, Mapping):
        return {"text": "" if text is None else str(text)}
    if all(type(k) is str and type(v) is str for k, v in text.items()):
        return text
    return {str(k): "" if v is None else str(v) for k, v in text.items()}
