"""Every word the dossier prints besides the data, from the service's message catalogues.

The messages are written here as the catalogue keys (pybabel extracts the ``_`` and
``ngettext`` calls) and translated with Babel directly, so the exports stay free of Flask.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel.dates import format_date

from .headings import catalogue


class Labels:
    """The dossier's texts in one language; the methods fill in numbers, names and dates."""

    def __init__(self, language: str) -> None:
        translations = catalogue(language)
        _ = translations.gettext
        self._ = _
        self.ngettext = translations.ngettext
        self.language = language
        self.title = _("Visit dossier")
        self.coordinator_copy = _("Coordinator copy — not for the delegation")
        self.draft = _("Draft: not yet published to the delegation")
        self.delegation = _("Delegation")
        self.dates = _("Dates")
        self.group = _("Group")
        self.contact_person = _("Contact person")
        self.coordinators = _("Your coordinators")
        self.nights = _("Hotel city each night")
        self.overview = _("Overview")
        self.route_map = _("Route map")
        self.days_at_a_glance = _("Days at a glance")
        self.rest_day = _("Rest day")
        self.departure_day = _("Departure")
        self.hosts = _("Your hosts")
        self.what_they_do = _("What they do")
        self.why = _("Why they match your interest")
        self.talking_points = _("Suggested talking points")
        self.contact = _("Contact")
        self.public_contact = _("Public contact")
        self.private_contact = _("Direct contact")
        self.website = _("Website")
        self.address = _("Address")
        self.host_languages = _("Host languages")
        self.interpreter = _("Interpreter")
        self.not_needed = _("not needed")
        self.travel_before = _("Travel before this visit")
        self.lunch = _("Lunch")
        self.for_coordinators = _("For the coordinators only")
        self.not_scheduled = _("Not scheduled")
        self.planning_notes = _("Planning notes")
        self.internal_notes = _("Internal notes on the hosts")
        self.moved = _("Moved by the planner")
        self.nothing_to_report = _("Nothing to report.")
        self.no_visits = _("No visits are planned yet.")
        self.chosen = _("Chosen for you by the coordinators.")
        self.present_offer_above = _(
            "Present what your delegation offers for what they look for (see above)."
        )
        self.modes = {"rail": _("high-speed rail"), "road": _("coach"), "walk": _("on foot")}

    def day(self, number: int) -> str:
        return self._("Day %(n)s") % {"n": number}

    def night_in(self, city: str) -> str:
        return self._("Night in %(city)s") % {"city": city}

    def people(self, count: int) -> str:
        return self.ngettext("%(num)d person", "%(num)d people", count) % {"num": count}

    def minutes(self, count: int) -> str:
        return self.ngettext("%(num)d minute", "%(num)d minutes", count) % {"num": count}

    def version(self, number: int) -> str:
        return self._("Version %(number)s") % {"number": number}

    def issued(self, when: date) -> str:
        return self._("Issued %(date)s") % {"date": self.format_day(when, "medium")}

    def visits_count(self, count: int) -> str:
        return self.ngettext("%(num)d visit", "%(num)d visits", count) % {"num": count}

    def format_day(self, when: date, style: str = "long") -> str:
        """A date as readers of the language write it."""
        return format_date(when, style, locale=self.language)

    def weekday(self, when: date) -> str:
        return format_date(when, "EEEE", locale=self.language)

    # Talking points, derived from what matched.
    def ask_sector(self, sector: str) -> str:
        return self._("Ask about their work in %(sector)s and where you could work together.") % {
            "sector": sector
        }

    def ask_offer(self, terms: str) -> str:
        return self._("Ask what they can offer you on %(terms)s, and on what terms.") % {
            "terms": terms
        }

    def present_offer(self, terms: str) -> str:
        return self._("They look for %(terms)s: present what your delegation offers there.") % {
            "terms": terms
        }

    def found_in(self, field: str, terms: str) -> str:
        """ "Words of your interest found in what they offer: …"."""
        messages = {
            "offers": self._("What you asked for that they offer: %(terms)s"),
            "seeks": self._("What you offer that they look for: %(terms)s"),
        }
        default = self._("Words of your interest in their profile: %(terms)s")
        return messages.get(field, default) % {"terms": terms}

    def shared_sectors(self, sectors: str) -> str:
        return self._("Sectors you share: %(sectors)s") % {"sectors": sectors}

    def they_offer(self, text: str) -> str:
        return self._("They offer: %(text)s") % {"text": text}

    def they_seek(self, text: str) -> str:
        return self._("They look for: %(text)s") % {"text": text}

    def published_as(self, number: int) -> str:
        return self._("The delegation has version %(number)s.") % {"number": number}


@cache
def labels(language: str) -> Labels:
    """The dossier's texts in a language (English when the language has no catalogue)."""
    return Labels(language)
