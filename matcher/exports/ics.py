"""iCalendar (RFC 5545) export: one VEVENT per visit, in Asia/Shanghai time.

Travel legs are not events of their own: each visit's DESCRIPTION lists the legs before it
(and, for a day's last visit, the way back), so calendars show one entry per meeting.
UIDs derive from the itinerary's uid stem and the organisation id, so importing a revised
itinerary updates the same events; SEQUENCE is the itinerary's revision number.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from matcher.planning import Plan, Visit

from .context import (
    ExportContext,
    describe_leg,
    interpreter_text,
    travel_after,
    travel_before,
)
from .headings import heading

TIMEZONE = "Asia/Shanghai"
PRODID = "-//G60 Match//Itinerary//EN"
DEFAULT_DOMAIN = "g60-match"


def visit_uid(uid_stem: str, organisation_id: str) -> str:
    """A UID that stays the same for an organisation across revisions of one itinerary."""
    stem = uid_stem if "@" in uid_stem else f"{uid_stem}@{DEFAULT_DOMAIN}"
    local_part, domain = stem.split("@", 1)
    # UIDs are compared byte for byte; keep them to characters every client stores intact.
    safe_id = re.sub(r"[^A-Za-z0-9._-]", "-", organisation_id)
    return f"{local_part}-{safe_id}@{domain}"


def _description(visit: Visit, context: ExportContext, before: list, after: list) -> str:
    """Why it matched, the interpreter need and the travel around the visit, in the
    delegation's language (the texts that come from the data stay as they were written)."""
    language = context.language

    def line(key: str, value: str) -> str:
        return f"{heading(key, language)}: {value}"

    lines = []
    why = context.why_matched(visit)
    if why:
        lines.append(line("why", why))
    interpreter = interpreter_text(visit, language)
    lines.append(line("interpreter", interpreter or heading("not_needed", language)))
    if visit.request.host_languages:
        lines.append(line("languages", ", ".join(visit.request.host_languages)))
    for leg in before:
        lines.append(line("travel_before", describe_leg(leg, context)))
    for leg in after:
        lines.append(line("travel_after", describe_leg(leg, context)))
    if visit.moved_reason:
        lines.append(line("note", visit.moved_reason))
    return "\n".join(lines)


def plan_to_ics(plan: Plan, context: ExportContext) -> bytes:
    """The itinerary as an iCalendar file (UTF-8, CRLF line endings)."""
    zone = ZoneInfo(TIMEZONE)
    stamp = (context.stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname", heading("calendar_name", context.language, delegation=context.delegation)
    )
    calendar.add("x-wr-timezone", TIMEZONE)
    before, after = travel_before(plan), travel_after(plan)
    for visit in plan.visits:
        event = Event()
        event.add("uid", visit_uid(context.uid_stem, visit.request.organisation_id))
        event.add("sequence", context.sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", visit.start.astimezone(zone))
        event.add("dtend", visit.end.astimezone(zone))
        event.add("summary", heading("visit", context.language, name=visit.request.name))
        event.add("location", context.location(visit))
        event.add(
            "description",
            _description(visit, context, before.get(id(visit), []), after.get(id(visit), [])),
        )
        if visit.request.latitude is not None and visit.request.longitude is not None:
            event.add("geo", (visit.request.latitude, visit.request.longitude))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    # Clients only need the rules around the trip; Shanghai has had none since 1991.
    first = plan.days[0].date if plan.days else date(2000, 1, 1)
    calendar.add_missing_timezones(
        first_date=first - timedelta(days=366), last_date=first + timedelta(days=400)
    )
    return calendar.to_ical()
