"""What the planner says (reasons, refusals, notes) as a message id and its values, so the
pages translate it for their reader; the planner itself stays free of Flask.

A ``Said`` is also the English sentence (a ``str``), so logs, exports and tests read it as
before; ``as_data`` and ``said_from_data`` keep its parts in a stored plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self


def N_(message: str) -> str:
    """Marks a message id for the catalogues (pybabel's default keywords); translated later."""
    return message


class City(str):
    """A city's slug as a value: pages print the city's name in the reader's language."""

    slug: str

    def __new__(cls, slug: str) -> Self:
        city = super().__new__(cls, slug.title())
        city.slug = slug.lower()
        return city


class Said(str):
    """A sentence of the planner: English text, with the message id and values behind it."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Self:
        said = super().__new__(cls, msgid % {k: str(v) for k, v in params.items()})
        said.msgid = msgid
        said.params = params
        return said

    def __reduce__(self):  # a str subclass with required arguments needs this to pickle
        return (_rebuild, (self.msgid, self.params))

    def as_data(self) -> dict[str, Any]:
        """The message id and its values as JSON (nested sentences and cities kept apart)."""
        return {"msgid": self.msgid, "params": {k: _value(v) for k, v in self.params.items()}}


def _rebuild(msgid: str, params: dict[str, Any]) -> Said:
    return Said(msgid, **params)


def _value(value: Any) -> Any:
    if isinstance(value, Said):
        return value.as_data()
    if isinstance(value, City):
        return {"city": value.slug}
    return value if isinstance(value, int) else str(value)


def said_data(text: Any) -> dict[str, Any] | None:
    """The stored form of a sentence, or None when it is plain text."""
    return text.as_data() if isinstance(text, Said) else None


def said_from_data(data: Any, text: str) -> str:
    """The sentence back from its stored form; the plain text when there is none."""
    if not isinstance(data, Mapping) or "msgid" not in data:
        return text
    try:
        return Said(str(data["msgid"]), **{k: _back(v) for k, v in dict(data["params"]).items()})
    except (KeyError, TypeError, ValueError):
        return text


def _back(value: Any) -> Any:
    if isinstance(value, Mapping) and "msgid" in value:
        return said_from_data(value, str(value["msgid"]))
    if isinstance(value, Mapping) and "city" in value:
        return City(str(value["city"]))
    return value


def render(data: Mapping[str, Any], translate, city_name) -> str:
    """A stored sentence in the reader's language: ``translate(msgid)`` gives the catalogue's
    text, ``city_name(slug)`` a city's name."""
    values = {}
    for key, value in dict(data.get("params") or {}).items():
        if isinstance(value, Mapping) and "msgid" in value:
            values[key] = render(value, translate, city_name)
        elif isinstance(value, Mapping) and "city" in value:
            values[key] = city_name(str(value["city"]))
        else:
            values[key] = value
    try:
        return translate(str(data["msgid"])) % values
    except (KeyError, TypeError, ValueError):
        # A catalogue entry that lost a placeholder must not break the page: English then.
        return str(data["msgid"]) % values
