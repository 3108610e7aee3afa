"""The dossier as PDF: a cover, a one-page overview, then one section per host.

The delegate's copy holds what the delegation needs on the road and nothing else; the
coordinators' copy (of the draft) adds, after the hosts, what could not be scheduled, the
planner's notes and the coordinators' own notes, and says on every page that it is not for
the delegation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from matcher.planning import DayPlan, Plan, Travel, Visit

from .context import travel_before
from .dossier_labels import Labels, labels
from .dossier_map import draw_route_map
from .dossier_model import Dossier, HostFile
from .dossier_pdf import ACCENT, GREY, WARN, DossierPDF
from .fontcache import FONTS
from .headings import catalogue_characters, language_name, spoken


def dossier_to_pdf(dossier: Dossier) -> bytes:
    """The dossier as PDF bytes.

    :raises MissingFontError: when no Chinese font is installed (see fonts.py).
    """
    words = labels(dossier.language)
    footer = " · ".join(
        part
        for part in (
            dossier.delegation,
            words.version(dossier.version) if dossier.version else "",
            words.issued(dossier.issued) if dossier.issued else "",
        )
        if part
    )
    fonts = FONTS.fonts_for(_all_text(dossier, words))
    header = ""
    if dossier.coordinator_copy:
        header = words.coordinator_copy + (f" · {words.draft}" if dossier.draft else "")
    pdf = DossierPDF(words, fonts, footer_text=footer, header_text=header)
    pdf.set_title(f"{words.title} — {dossier.delegation}")
    pdf.set_author("G60 Match")
    pdf.set_lang(dossier.language)
    if dossier.issued is not None:
        pdf.set_creation_date(_midnight(dossier.issued))
    _cover(pdf, dossier, words)
    _overview(pdf, dossier, words)
    _hosts(pdf, dossier, words)
    if dossier.coordinator_copy:
        _for_coordinators(pdf, dossier, words)
    return bytes(pdf.output())


def _all_text(dossier: Dossier, words: Labels) -> str:
    """Every character the document may print, so the fonts can be prepared for it."""
    fields = (dossier.delegation, dossier.contact_name, dossier.contact_email)
    parts = [*fields, dossier.contact_phone, dossier.coordinators_contact]
    parts += [repr(dossier.plan), repr(dossier.hosts), *(str(v) for v in vars(words).values())]
    said = [*dossier.plan.notes, *(item.reason for item in dossier.plan.unplaced)]
    said += [visit.moved_reason for visit in dossier.plan.visits if visit.moved_reason]
    parts += [spoken(text, dossier.language, dossier.city_name) for text in said]
    parts.append(catalogue_characters(dossier.language))  # labels put together at writing time
    parts += [city.label(dossier.language) + city.names.get("zh", "") for city in dossier.cities]
    days = [day.date for day in dossier.plan.days]
    days += [d for d in (dossier.arrival, dossier.departure, dossier.issued) if d]
    parts += [words.format_day(d, style) for d in days for style in ("full", "long", "medium")]
    parts += [words.day(1), words.people(2), words.minutes(2), words.visits_count(2), "•→–·′"]
    codes = {v.interpreter_language or "" for v in dossier.plan.visits}
    codes |= {code for v in dossier.plan.visits for code in v.request.host_languages}
    parts += [language_name(code, dossier.language) for code in codes if code]
    return "".join(parts)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def host_name(host: HostFile) -> str:
    """The host's name with its Chinese name beside it, where one is on file."""
    if host.name_local and host.name_local != host.name:
        return f"{host.name} ({host.name_local})"
    return host.name


def describe_leg(leg: Travel, dossier: Dossier, words: Labels) -> str:
    """ "Songjiang (上海松江) → Suzhou (苏州), high-speed rail, 25 minutes (09:00–09:25)"."""
    origin, destination = dossier.city_name(leg.from_city), dossier.city_name(leg.to_city)
    route = f"{origin} → {destination}" if leg.from_city != leg.to_city else origin
    mode = words.modes.get(leg.mode, leg.mode)
    return f"{route}, {mode}, {words.minutes(leg.minutes)} ({leg.start:%H:%M}–{leg.end:%H:%M})"


def _cover(pdf: DossierPDF, dossier: Dossier, words: Labels) -> None:
    pdf.add_page()
    pdf.ln(20)
    pdf.para(words.title, size=26, bold=True, colour=ACCENT)
    pdf.para(dossier.delegation, size=18, bold=True, gap=4)
    if dossier.coordinator_copy:
        pdf.para(words.coordinator_copy, size=14, bold=True, colour=WARN, gap=6)
    if dossier.draft:
        pdf.para(words.draft, size=12, bold=True, colour=WARN, gap=2)
        if dossier.version:
            pdf.para(words.published_as(dossier.version), size=10, colour=WARN)
    pdf.ln(8)
    if dossier.arrival and dossier.departure:
        pdf.field(
            words.dates,
            f"{words.format_day(dossier.arrival)} – {words.format_day(dossier.departure)}",
        )
    if dossier.group_size:
        pdf.field(words.group, words.people(dossier.group_size))
    contact = ", ".join(
        p for p in (dossier.contact_name, dossier.contact_email, dossier.contact_phone) if p
    )
    pdf.field(words.contact_person, contact)
    pdf.field(words.coordinators, dossier.coordinators_contact)
    pdf.para(words.visits_count(len(dossier.plan.visits)))
    nights = dossier.plan.days[:-1]
    if nights:
        pdf.para(words.nights, size=12, bold=True, colour=ACCENT, gap=6)
        for day in nights:
            pdf.para(f"{words.format_day(day.date, 'full')}: {dossier.city_name(day.end_city)}")
    pdf.ln(8)
    stamp = [words.version(dossier.version) if dossier.version else ""]
    stamp.append(words.issued(dossier.issued) if dossier.issued else "")
    pdf.para(" · ".join(p for p in stamp if p), size=10, colour=GREY)


def _overview(pdf: DossierPDF, dossier: Dossier, words: Labels) -> None:
    pdf.add_page()
    pdf.heading(words.overview, size=18, gap=0)
    if not dossier.plan.visits:
        pdf.para(words.no_visits, gap=2)
    pdf.heading(words.route_map, size=11, gap=2)
    pdf.ln(1)
    draw_route_map(pdf, dossier.plan, dossier.cities, words, height=66)
    pdf.heading(words.days_at_a_glance, size=11, gap=1)
    last = len(dossier.plan.days)
    for number, day in enumerate(dossier.plan.days, start=1):
        _glance(pdf, dossier, words, number, day, last=number == last)


def _glance(
    pdf: DossierPDF, dossier: Dossier, words: Labels, number: int, day: DayPlan, *, last: bool
) -> None:
    title = f"{words.day(number)} · {words.format_day(day.date, 'full')}"
    if day.rest_day:
        title += f" · {words.rest_day}"
    pdf.para(title, size=9, bold=True, gap=1.2)
    # One line a visit, and a line for each change of city before it; the way back to the
    # hotel is the "night in" line. Hops within a city are in the host sections.
    last_visit = max((n for n, item in enumerate(day.items) if isinstance(item, Visit)), default=-1)
    for number, item in enumerate(day.items):
        if isinstance(item, Travel):
            if item.from_city != item.to_city and number < last_visit:
                pdf.para(f"→ {describe_leg(item, dossier, words)}", size=7.5, colour=GREY, indent=4)
        else:
            host = dossier.host(item.request.organisation_id, item.request.name)
            pdf.para(f"{item.start:%H:%M}–{item.end:%H:%M}  {host_name(host)}", size=8, indent=4)
    night = words.departure_day if last else words.night_in(dossier.city_name(day.end_city))
    pdf.para(night, size=7.5, colour=GREY, indent=4)


def _hosts(pdf: DossierPDF, dossier: Dossier, words: Labels) -> None:
    if not dossier.plan.visits:
        return
    pdf.add_page()
    pdf.heading(words.hosts, size=18, gap=0)
    before = travel_before(dossier.plan)
    for number, day in enumerate(dossier.plan.days, start=1):
        for visit in day.visits:
            # A host section starts on a new page when less than a third of one is left.
            if pdf.get_y() > pdf.h * 0.68:
                pdf.add_page()
            _host(pdf, dossier, words, number, visit, before.get(id(visit), []))


def _host(
    pdf: DossierPDF,
    dossier: Dossier,
    words: Labels,
    number: int,
    visit: Visit,
    legs: list[Travel],
) -> None:
    host = dossier.host(visit.request.organisation_id, visit.request.name)
    when = f"{words.day(number)} · {words.format_day(visit.start.date(), 'medium')}"
    pdf.para(f"{when} · {visit.start:%H:%M}–{visit.end:%H:%M}", size=9, colour=GREY, gap=6)
    pdf.para(host.name, size=14, bold=True, colour=ACCENT)
    if host.name_local and host.name_local != host.name:
        pdf.para(host.name_local, size=13, bold=True, colour=ACCENT)
    place = (host.address, dossier.city_name(visit.request.city))
    pdf.field(words.address, ", ".join(p for p in place if p))
    for leg in legs:
        pdf.field(words.travel_before, describe_leg(leg, dossier, words), size=9)
    if host.description:
        pdf.para(words.what_they_do, size=10, bold=True, gap=2)
        pdf.para(host.description, size=9)
    reasons = why_lines(host, words)
    if reasons:
        pdf.para(words.why, size=10, bold=True, gap=2)
    for line in reasons:
        value = next((v for v in (host.offers, host.seeks) if v and line.endswith(v)), "")
        pdf.bullet(line, size=9, value=value)
    points = talking_points(host, words)
    if points:
        pdf.para(words.talking_points, size=10, bold=True, gap=2)
        for point in points:
            pdf.bullet(point, size=9)
    contacts = [
        (words.public_contact, host.public_contact),
        (words.private_contact, host.private_contact),
        (words.website, host.website),
    ]
    if any(value for _, value in contacts):
        pdf.para(words.contact, size=10, bold=True, gap=2)
        for label, value in contacts:
            pdf.field(label, value, size=9)
    languages = ", ".join(language_name(c, dossier.language) for c in visit.request.host_languages)
    pdf.field(words.host_languages, languages, size=9)
    needed = visit.interpreter_language
    interpreter = f"{language_name(needed, dossier.language)}" if needed else words.not_needed
    pdf.field(words.interpreter, interpreter, size=9)
    if dossier.coordinator_copy:
        moved = spoken(visit.moved_reason or "", dossier.language, dossier.city_name)
        pdf.field(words.moved, moved, size=9, colour=WARN)
        pdf.field(words.internal_notes, host.internal_note, size=9, colour=WARN)


def why_lines(host: HostFile, words: Labels) -> list[str]:
    """Why the host matched, in the delegate's words: sectors, shared terms, their offer."""
    if host.chosen_by_coordinators and not (host.shared_sectors or host.shared_terms):
        lines = [words.chosen]
    else:
        lines = []
        if host.shared_sectors:
            lines.append(words.shared_sectors(", ".join(host.shared_sectors)))
        if host.shared_terms:
            field = next((f for f in host.found_in if f in ("offers", "seeks")), "")
            lines.append(words.found_in(field, ", ".join(host.shared_terms)))
    if host.offers:
        lines.append(words.they_offer(host.offers))
    if host.seeks:
        lines.append(words.they_seek(host.seeks))
    return lines


def talking_points(host: HostFile, words: Labels) -> list[str]:
    """Questions and offers to bring to the meeting, made from what matched."""
    points = [words.ask_sector(sector) for sector in host.shared_sectors[:2]]
    terms = ", ".join(host.shared_terms[:4])
    if terms and ("offers" in host.found_in or not host.found_in or host.offers):
        points.append(words.ask_offer(terms))
    if host.seeks:
        # A long wish is already quoted under "why": the point refers to it.
        short = len(host.seeks) <= 80
        points.append(
            words.present_offer(host.seeks.rstrip(".")) if short else words.present_offer_above
        )
    return points


def _for_coordinators(pdf: DossierPDF, dossier: Dossier, words: Labels) -> None:
    plan: Plan = dossier.plan
    pdf.add_page()
    pdf.heading(words.for_coordinators, size=18, gap=0)
    pdf.heading(words.not_scheduled, size=12)
    for item in plan.unplaced:
        host = dossier.host(item.request.organisation_id, item.request.name)
        reason = spoken(item.reason, dossier.language, dossier.city_name)
        pdf.bullet(f"{host_name(host)}: {reason}", size=9)
    if not plan.unplaced:
        pdf.para(words.nothing_to_report, size=9)
    pdf.heading(words.planning_notes, size=12)
    for note in plan.notes:
        pdf.bullet(spoken(note, dossier.language, dossier.city_name), size=9)
    if not plan.notes:
        pdf.para(words.nothing_to_report, size=9)
    notes = [(h, h.internal_note) for h in dossier.hosts.values() if h.internal_note]
    pdf.heading(words.internal_notes, size=12)
    for host, note in notes:
        pdf.bullet(f"{host_name(host)}: {note}", size=9)
    if not notes:
        pdf.para(words.nothing_to_report, size=9)
