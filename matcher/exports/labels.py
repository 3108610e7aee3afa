"""Words of the calendar, spreadsheet and map exports, read from the message catalogues.

Like the other exports' headings, these are opened with Babel directly (no Flask), in the
language the file is written in. The English texts are the catalogue keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from .headings import RIGHT_TO_LEFT, catalogue


def _(message: str) -> str:
    """Marks a label for extraction; it is translated when an export is written."""
    return message


LABELS: dict[str, str] = {
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


def label(key: str, language: str, **values: str | int) -> str:
    """A label in the language, falling back to English for unknown languages."""
    text = catalogue(language).gettext(LABELS[key])
    return text % values if values else text


# A list's comma, a clause's semicolon and a sentence's full stop where they are not ", ", "; "
# and ".".
SEPARATORS = {"zh": ("、", "；", "。"), "ar": ("، ", "؛ ", ".")}


def colon(language: str) -> str:
    """What follows a heading before its subject: ": ", or the full-width colon in Chinese."""
    return "：" if language == "zh" else ": "


def punctuation(language: str) -> tuple[str, str, str]:
    """The comma, semicolon and full stop of ``language``."""
    return SEPARATORS.get(language, (", ", "; ", "."))


def why_in_language(
    sectors: Sequence[str],
    words: Sequence[str],
    reason: str,
    language: str,
    *,
    chosen: bool = False,
) -> str:
    """Why an organisation matched, said in the delegation's language: the sectors shared (by
    their labels in that language) and the words shared; the engine's English sentence
    (``reason``) only for English readers."""
    comma, semicolon, _ = punctuation(language)
    parts = []
    if sectors:
        parts.append(label("shared_sectors", language, sectors=comma.join(sectors)))
    if words:
        parts.append(label("shared_words", language, words=comma.join(words)))
    if parts:
        return semicolon.join(parts)
    if chosen:
        return label("chosen", language)
    return reason if language == "en" else ""


def arrow(language: str) -> str:
    """The arrow from one place to the next: it points the way the language reads."""
    return "←" if language in RIGHT_TO_LEFT else "→"
