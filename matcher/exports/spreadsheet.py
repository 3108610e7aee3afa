"""The visit programme as one table: a row per visit and a row per day without visits.

One table per file, so pandas, Sheets and Excel import it whole and filters work: the
interpreter a visit needs is a column of its row (its language's name, and its code for
programs), travel-only, rest and free days have a row of their own. Headings are in the
delegation's language, or, with ``machine_headers``, the stable English keys of
``MACHINE_COLUMNS`` for programs (values then carry no bidirectional isolates either).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from matcher.planning import DayPlan, Plan, Visit

from .cells import isolate, neutralise
from .context import ExportContext, describe_leg, interpreter_text, languages_text, travel_before
from .headings import RIGHT_TO_LEFT, heading

# Machine key → heading key of each column, in order.
_COLUMNS: tuple[tuple[str, str], ...] = (
    ("day", "col_day"),
    ("date", "col_date"),
    ("kind", "col_kind"),
    ("start", "col_start"),
    ("end", "col_end"),
    ("city", "col_city"),
    ("organisation", "col_organisation"),
    ("name_local", "col_name_local"),
    ("address", "col_address"),
    ("why", "col_why"),
    ("host_languages", "col_languages"),
    ("interpreter", "col_interpreter"),
    ("interpreter_language", "col_interpreter_language"),
    ("travel", "col_travel_before"),
)
MACHINE_COLUMNS = tuple(key for key, _ in _COLUMNS)
# Columns whose values are numbers, dates or codes, never written in a reader's language.
_TYPED = frozenset({"day", "date", "start", "end", "interpreter_language"})


def column_headings(context: ExportContext) -> list[str]:
    """The header row: the delegation's language, or the machine keys."""
    if context.machine_headers:
        return list(MACHINE_COLUMNS)
    return [heading(key, context.language) for _, key in _COLUMNS]


def _day_kind(day: DayPlan) -> str:
    if day.rest_day:
        return "rest_day"
    if any(leg.from_city != leg.to_city for leg in day.legs):
        return "travel_day"
    return "free_day"


def table_rows(plan: Plan, context: ExportContext) -> list[dict[str, Any]]:
    """One dict per row, keyed by machine column; dates as dates, times as "HH:MM"."""
    before = travel_before(plan)
    language = context.language

    def legs_text(legs) -> str:
        return "; ".join(describe_leg(leg, context) for leg in legs)

    rows: list[dict[str, Any]] = []
    for number, day in enumerate(plan.days, start=1):
        base = {key: "" for key in MACHINE_COLUMNS} | {"day": number, "date": day.date}
        visits = day.visits
        if not visits:
            kind = _day_kind(day)
            rows.append(
                base
                | {
                    "kind": kind if context.machine_headers else heading(f"kind_{kind}", language),
                    "city": context.city_name(day.end_city),
                    "travel": legs_text(day.legs),
                }
            )
            continue
        for visit in visits:
            rows.append(base | _visit_cells(visit, context, legs_text(before.get(id(visit), []))))
    return rows


def _visit_cells(visit: Visit, context: ExportContext, travel: str) -> dict[str, Any]:
    language = context.language
    return {
        "kind": "visit" if context.machine_headers else heading("kind_visit", language),
        "start": f"{visit.start:%H:%M}",
        "end": f"{visit.end:%H:%M}",
        "city": context.city_name(visit.request.city),
        "organisation": visit.request.name,
        "name_local": context.local_names.get(visit.request.organisation_id, ""),
        "address": context.address(visit),
        "why": context.why_matched(visit),
        "host_languages": languages_text(visit),
        "interpreter": interpreter_text(visit, language),
        "interpreter_language": visit.interpreter_language or "",
        "travel": travel,
    }


def cell_text(key: str, value: Any, context: ExportContext) -> str:
    """A value as a spreadsheet cell's text: formulas neutralised, isolated where needed."""
    text = value.isoformat() if isinstance(value, date | datetime) else neutralise(value)
    right_to_left = context.language in RIGHT_TO_LEFT and not context.machine_headers
    if right_to_left and (key not in _TYPED or key in ("date", "start", "end")):
        return isolate(text)
    return text


def plan_to_csv(plan: Plan, context: ExportContext) -> bytes:
    """The programme as CSV, UTF-8 with a byte-order mark so Excel reads the Chinese names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(text) for text in column_headings(context)])
    for row in table_rows(plan, context):
        writer.writerow([cell_text(key, row[key], context) for key in MACHINE_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
