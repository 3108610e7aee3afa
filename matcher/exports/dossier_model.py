"""What a dossier is made of: the plan, who it is for and what is on file about each host.

Plain data, filled by the services from the database; empty strings mean "not on file" and
are left out of the document. Which copy it is decides what the document may show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from matcher.planning import City, Plan


@dataclass(frozen=True, slots=True)
class HostFile:
    """One host as the dossier presents it, texts already in the reader's language."""

    name: str
    name_local: str = ""
    address: str = ""
    description: str = ""
    offers: str = ""
    seeks: str = ""
    # Why it matched: the taxonomy's labels, the interest's words as the delegate reads them,
    # and the profile fields those words were found in ("offers", "seeks", ...).
    shared_sectors: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()
    found_in: tuple[str, ...] = ()
    chosen_by_coordinators: bool = False
    public_contact: str = ""
    # Only once the match is accepted.
    private_contact: str = ""
    website: str = ""
    # The coordinators' note on the match: printed on the coordinator copy only.
    internal_note: str = ""


@dataclass(frozen=True, slots=True)
class Dossier:
    """A delegation's dossier: the delegate's copy, or the coordinators' copy of the draft."""

    plan: Plan
    delegation: str
    language: str = "en"
    arrival: date | None = None
    departure: date | None = None
    group_size: int = 0
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    coordinators_contact: str = ""
    hosts: Mapping[str, HostFile] = field(default_factory=dict)
    cities: Sequence[City] = ()
    # The itinerary's version: the published sequence (for a draft, the last one published).
    version: int = 0
    issued: date | None = None
    coordinator_copy: bool = False
    draft: bool = False

    def host(self, organisation_id: str, name: str) -> HostFile:
        """What is on file about a host, or just its name."""
        return self.hosts.get(organisation_id) or HostFile(name=name)

    def city_name(self, slug: str) -> str:
        """A city in the reader's language with its Chinese name beside it: "Suzhou 苏州"."""
        for city in self.cities:
            if city.slug == slug:
                name, local = city.label(self.language), city.names.get("zh", "")
                return f"{name} {local}" if local and local != name else name
        return slug.replace("-", " ").title()
