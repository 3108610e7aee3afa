"""The exports' words (headings, labels, calendar entries), read from the service's message
catalogues (matcher/translations).

Exports stay free of Flask: the catalogues are opened with Babel directly, in the language the
export is written in. The English texts below are the catalogue keys (extracted by pybabel).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations, Translations

from matcher.planning.said import Said, render

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
RIGHT_TO_LEFT = frozenset({"ar"})


def _(message: str) -> str:
    """Marks a heading for extraction; it is translated when an export is written."""
    return message


HEADINGS: dict[str, str] = {
    "title": _("Visit programme"),
    # How a leg of travel is made.
    "mode_rail": _("high-speed rail"),
    "mode_road": _("coach"),
    "mode_walk": _("on foot"),
    "delegation": _("Delegation"),
    "day": _("Day %(n)s"),
    "time": _("Time"),
    "place": _("Place"),
    "host": _("Host"),
    "why": _("Why it matched"),
    "travel_before": _("Travel before"),
    "travel_after": _("Then"),
    "lunch": _("Lunch"),
    "rest_day": _("Rest day"),
    "interpreter": _("Interpreter"),
    "interpreter_needs": _("Interpreter needs"),
    "languages": _("Host languages"),
    "address": _("Address"),
    "night": _("Night in %(city)s"),
    "unplaced": _("Not scheduled"),
    "notes": _("Notes"),
    "none": _("None"),
    "route_map": _("Route map"),
    "note": _("Note"),
    "not_needed": _("not needed"),
    "visit": _("Visit: %(name)s"),
    "calendar_name": _("G60 visit programme: %(delegation)s"),
    # The spreadsheet's column headings, in lower case as a spreadsheet's filters show them.
    "col_day": _("day"),
    "col_date": _("date"),
    "col_start": _("start"),
    "col_end": _("end"),
    "col_city": _("city"),
    "col_organisation": _("organisation"),
    "col_address": _("address"),
    "col_why": _("why"),
    "col_languages": _("languages"),
    "col_interpreter": _("interpreter"),
    "col_travel_before": _("travel before"),
    "col_interpreter_needs": _("interpreter needs"),
    "col_language": _("language"),
    "col_not_scheduled": _("not scheduled"),
    "col_reason": _("reason"),
    # Calendar events besides the visits.
    "travel_event": _("Travel: %(route)s (%(mode)s, %(minutes)s min)"),
    "lunch_event": _("Lunch break"),
    "cancelled_event": _("Cancelled: %(title)s"),
    "cancelled_note": _("This entry was removed from the visit programme."),
    "shared_sectors": _("Shared sectors: %(sectors)s"),
    "shared_words": _("Shared words: %(words)s"),
    "chosen": _("Chosen by the coordinators."),
    # The kind of a spreadsheet row.
    "kind_visit": _("visit"),
    "kind_travel_day": _("travel day"),
    "kind_rest_day": _("rest day"),
    "kind_free_day": _("free day"),
    # Spreadsheet columns added to the programme's.
    "col_kind": _("kind"),
    "col_name_local": _("name in Chinese"),
    "col_interpreter_language": _("interpreter language code"),
    "col_travel_day": _("travel on the day"),
    "sheet_title": _("Visits"),
    # The route map.
    "no_visits_yet": _("No visits yet: the route appears once visits are planned."),
    "scale_km": _("%(km)s km"),
    "leg_label": _("%(minutes)s min, %(mode)s"),
}


@cache
def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of a language (English needs none)."""
    return Translations.load(str(TRANSLATIONS), [language])


@cache
def catalogue_characters(language: str) -> str:
    """Every character the language's catalogue can print (fonts are prepared for them)."""
    messages = getattr(catalogue(language), "_catalog", {})
    return "".join(sorted({c for text in messages.values() if isinstance(text, str) for c in text}))


def heading(key: str, language: str, **values: str | int) -> str:
    """A heading in the language, falling back to English for unknown languages."""
    text = catalogue(language).gettext(HEADINGS[key])
    return text % values if values else text


def spoken(text: str, language: str, city_name: Callable[[str], str]) -> str:
    """A planner's sentence (reason, note) in the language when its message id was kept."""
    if not isinstance(text, Said):
        return text
    return render(text.as_data(), catalogue(language).gettext, city_name)


def language_name(code: str, language: str = "en") -> str:
    """A language's name in another language, from the locale data, or the code itself."""
    try:
        return Locale.parse(language).languages.get(code, code)
    except (ValueError, UnknownLocaleError):
        return code
