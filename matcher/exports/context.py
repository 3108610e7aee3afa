"""What every export needs besides the plan: who it is for and what to say about each stop."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from matcher.planning import City, Plan, Travel, Visit, interpreter_needs
from matcher.planning.travel import city_label

from .headings import heading, language_name
from .labels import arrow


@dataclass(frozen=True, slots=True)
class ExportContext:
    """The delegation, its heading language, per-organisation texts and the itinerary's identity.

    `uid_stem` names the itinerary for calendar UIDs (e.g. "itinerary-42@g60-match.example");
    `sequence` is its revision number, raised on every publish; `stamp` is when it was
    published (calendar DTSTAMP) — pass it for byte-identical exports.
    """

    delegation: str
    language: str = "en"
    why: Mapping[str, str] = field(default_factory=dict)
    addresses: Mapping[str, str] = field(default_factory=dict)
    uid_stem: str = "itinerary"
    sequence: int = 0
    cities: Sequence[City] = ()
    stamp: datetime | None = None
    # Organisation id → its name in Chinese, where the directory has one.
    local_names: Mapping[str, str] = field(default_factory=dict)
    # Calendar entries published once and no longer in the plan (see ics.entry_record).
    cancelled: Sequence[Mapping[str, str]] = ()
    # Spreadsheets: stable English column keys for programs instead of the language's headings.
    machine_headers: bool = False

    def city_name(self, slug: str, language: str | None = None) -> str:
        """A city's name in the heading language (or another), falling back to its slug."""
        for city in self.cities:
            if city.slug == slug:
                return city.label(language or self.language)
        return city_label(slug)

    def city_both(self, slug: str) -> str:
        """A city in the export's language and in Chinese ("Suzhou 苏州"), once if they agree."""
        for city in self.cities:
            if city.slug == slug:
                return city.label_with_chinese(self.language)
        return city_label(slug)

    def name_both(self, visit: Visit) -> str:
        """The organisation's name and, where on file and different, its Chinese name."""
        name = visit.request.name
        local = self.local_names.get(visit.request.organisation_id, "")
        return f"{name} ({local})" if local and local != name else name

    def address(self, visit: Visit) -> str:
        """The organisation's address, or empty."""
        return self.addresses.get(visit.request.organisation_id, "")

    def why_matched(self, visit: Visit) -> str:
        """Why the organisation matched, or empty."""
        return self.why.get(visit.request.organisation_id, "")

    def location(self, visit: Visit) -> str:
        """Name, city and address on one line, as a calendar LOCATION."""
        parts = [visit.request.name, self.city_name(visit.request.city, "en"), self.address(visit)]
        return ", ".join(part for part in parts if part)


def travel_before(plan: Plan) -> dict[int, list[Travel]]:
    """The travel legs leading to each visit, keyed by id() of the Visit."""
    legs: dict[int, list[Travel]] = {}
    for day in plan.days:
        pending: list[Travel] = []
        for item in day.items:
            if isinstance(item, Travel):
                pending.append(item)
            else:
                legs[id(item)] = pending
                pending = []
    return legs


def travel_after(plan: Plan) -> dict[int, list[Travel]]:
    """The legs after each day's last visit (the way back to the hotel), keyed by id()."""
    legs: dict[int, list[Travel]] = {}
    for day in plan.days:
        visits = day.visits
        if visits:
            last = day.items.index(visits[-1])
            legs[id(visits[-1])] = [i for i in day.items[last + 1 :] if isinstance(i, Travel)]
    return legs


def describe_leg(leg: Travel, context: ExportContext, language: str | None = None) -> str:
    """One travel leg as text: "Songjiang → Suzhou, 85 min (09:00–10:25)"."""
    origin = context.city_name(leg.from_city, language)
    destination = context.city_name(leg.to_city, language)
    way = arrow(language or context.language)
    route = f"{origin} {way} {destination}" if leg.from_city != leg.to_city else origin
    language = language or context.language
    mode = heading(f"mode_{leg.mode}", language)
    how = heading("leg_label", language, minutes=leg.minutes, mode=mode)
    return f"{route}, {how} ({leg.start:%H:%M}–{leg.end:%H:%M})"


def languages_text(visit: Visit) -> str:
    """The hosts' languages as codes ("zh, en"), or empty when none are on record."""
    return ", ".join(visit.request.host_languages)


def interpreter_text(visit: Visit, language: str = "en") -> str:
    """The interpreter a visit needs, as "Arabic (ar)" in ``language``, or empty."""
    code = visit.interpreter_language
    return f"{language_name(code, language)} ({code})" if code else ""


def needs_by_day(plan: Plan) -> list[tuple[str, str]]:
    """Interpreter needs as (ISO date, language code) pairs."""
    return [(day.isoformat(), language) for day, language in interpreter_needs(plan)]
