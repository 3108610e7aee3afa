"""iCalendar (RFC 5545) export: visits, travel legs and lunch as events, in Asia/Shanghai time.

Every entry has a UID that stays the same across revisions of one itinerary (visits by
organisation, lunch by date, travel by date and order in the day), and SEQUENCE is the
itinerary's revision number, so importing a revised file updates events instead of adding
them. Travel and lunch are events of their own, always included: they are time the delegation
is busy, and a file that sometimes left them out would look, to a calendar, as if they had been
cancelled. An entry published once and since taken out of the plan stays in every later file
as a cancelled event (``STATUS:CANCELLED``, same UID, the higher SEQUENCE), so calendars that
imported it drop it instead of keeping a meeting that will not happen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from matcher.planning import Plan, Travel, Visit

from .context import ExportContext, interpreter_text
from .document import plan_from_dict
from .headings import heading
from .labels import arrow

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


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One event of the calendar: a visit, a travel leg or a lunch break."""

    uid: str
    kind: str  # "visit", "travel" or "lunch"
    start: datetime
    end: datetime
    item: Visit | Travel | None = None
    city: str = ""


def calendar_entries(plan: Plan, uid_stem: str) -> list[CalendarEntry]:
    """The plan's events in time order, each with its lasting UID."""
    entries = []
    for day in plan.days:
        legs = 0
        for item in day.items:
            if isinstance(item, Visit):
                uid = visit_uid(uid_stem, item.request.organisation_id)
                entries.append(CalendarEntry(uid, "visit", item.start, item.end, item))
            elif item.from_city != item.to_city:  # a walk within a city is part of the visits
                legs += 1
                uid = visit_uid(uid_stem, f"travel-{day.date.isoformat()}-{legs}")
                entries.append(CalendarEntry(uid, "travel", item.start, item.end, item))
        if day.lunch:
            uid = visit_uid(uid_stem, f"lunch-{day.date.isoformat()}")
            city = _lunch_city(day.items, day.lunch[0]) or day.start_city
            entries.append(CalendarEntry(uid, "lunch", day.lunch[0], day.lunch[1], city=city))
    return sorted(entries, key=lambda entry: (entry.start, entry.uid))


def _lunch_city(items: tuple[Visit | Travel, ...], start: datetime) -> str:
    """Where the delegation is at lunch: the city of the last visit or leg before it."""
    city = ""
    for item in items:
        if item.start < start:
            city = item.request.city if isinstance(item, Visit) else item.to_city
    return city


def entry_title(entry: CalendarEntry, context: ExportContext) -> str:
    """The event's summary in the export's language."""
    language = context.language
    item = entry.item
    if isinstance(item, Visit):
        return heading("visit", language, name=context.name_both(item))
    if isinstance(item, Travel):
        way = f" {arrow(language)} "
        route = context.city_name(item.from_city) + way + context.city_name(item.to_city)
        mode = heading(f"mode_{item.mode}", language)
        return heading("travel_event", language, route=route, mode=mode, minutes=item.minutes)
    return heading("lunch_event", language)


def entry_location(entry: CalendarEntry, context: ExportContext) -> str:
    """Where it happens, with names in the export's language and in Chinese."""
    item = entry.item
    if isinstance(item, Visit):
        parts = [context.name_both(item), context.city_both(item.request.city)]
        parts.append(context.address(item))
        return ", ".join(part for part in parts if part)
    if isinstance(item, Travel):
        way = f" {arrow(context.language)} "
        return context.city_both(item.from_city) + way + context.city_both(item.to_city)
    return context.city_both(entry.city)


def entry_record(entry: CalendarEntry, context: ExportContext) -> dict[str, str]:
    """What a later file needs to cancel this entry: its UID, times, title and place."""
    return {
        "uid": entry.uid,
        "kind": entry.kind,
        "start": entry.start.isoformat(),
        "end": entry.end.isoformat(),
        "title": entry_title(entry, context),
        "location": entry_location(entry, context),
    }


def _description(visit: Visit, context: ExportContext) -> str:
    """Why it matched and the interpreter need, in the delegation's language."""
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
    return "\n".join(lines)


def _event(uid: str, start: datetime, end: datetime, context: ExportContext, stamp) -> Event:
    zone = ZoneInfo(TIMEZONE)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", context.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", start.astimezone(zone))
    event.add("dtend", end.astimezone(zone))
    return event


def _cancelled_event(record: Mapping[str, str], context: ExportContext, stamp) -> Event:
    start, end = (datetime.fromisoformat(record[key]) for key in ("start", "end"))
    event = _event(record["uid"], start, end, context, stamp)
    event.add("summary", heading("cancelled_event", context.language, title=record["title"]))
    if record.get("location"):
        event.add("location", record["location"])
    event.add("description", heading("cancelled_note", context.language))
    event.add("status", "CANCELLED")
    event.add("transp", "TRANSPARENT")
    return event


def plan_to_ics(plan: Plan, context: ExportContext) -> bytes:
    """The itinerary as an iCalendar file (UTF-8, CRLF line endings)."""
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
    entries = calendar_entries(plan, context.uid_stem)
    for entry in entries:
        event = _event(entry.uid, entry.start, entry.end, context, stamp)
        event.add("summary", entry_title(entry, context))
        event.add("location", entry_location(entry, context))
        if isinstance(entry.item, Visit):
            event.add("description", _description(entry.item, context))
            request = entry.item.request
            if request.latitude is not None and request.longitude is not None:
                event.add("geo", (request.latitude, request.longitude))
        event.add("categories", [entry.kind])
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    present = {entry.uid for entry in entries}
    for record in context.cancelled:
        if record["uid"] not in present:
            calendar.add_component(_cancelled_event(record, context, stamp))
    # Clients only need the rules around the trip; Shanghai has had none since 1991.
    starts = [day.date for day in plan.days[:1]]
    starts += [datetime.fromisoformat(r["start"]).date() for r in context.cancelled]
    first = min(starts, default=date(2000, 1, 1))
    calendar.add_missing_timezones(
        first_date=first - timedelta(days=366), last_date=first + timedelta(days=400)
    )
    return calendar.to_ical()


# Key of a published plan's document that keeps every calendar entry ever published.
CALENDAR_RECORD = "calendar_events"


def with_calendar_record(
    document: Mapping[str, Any], previous: Mapping[str, Any] | None, context: ExportContext
) -> dict[str, Any]:
    """A plan's document about to be published, with every calendar entry ever published
    (UID → its last published record): the previous publication's and this plan's."""
    record = {uid: dict(e) for uid, e in (previous or {}).get(CALENDAR_RECORD, {}).items()}
    for entry in calendar_entries(plan_from_dict(dict(document)), context.uid_stem):
        record[entry.uid] = entry_record(entry, context)
    return {**document, CALENDAR_RECORD: record}


def cancelled_records(
    published: Mapping[str, Any] | None, plan: Plan, uid_stem: str
) -> list[Mapping[str, str]]:
    """The entries ever published that this plan no longer has, oldest first."""
    record: Mapping[str, Mapping[str, str]] = (published or {}).get(CALENDAR_RECORD, {})
    present = {entry.uid for entry in calendar_entries(plan, uid_stem)}
    gone = [entry for uid, entry in record.items() if uid not in present]
    return sorted(gone, key=lambda entry: (entry["start"], entry["uid"]))
