"""Pieces of the planner's sentences: durations, dates, lists and travel modes, as messages
the pages translate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..said import N_, Said


def hhmm(minutes: int) -> str:
    """Minutes after midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duration(minutes: int) -> Said:
    """ "2 h 10" or "45 min"."""
    if minutes >= 60:
        return Said(
            N_("%(hours)s h %(minutes)s"), hours=minutes // 60, minutes=f"{minutes % 60:02d}"
        )
    return Said(N_("%(minutes)s min"), minutes=minutes)


WEEKDAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
                 N_("Saturday"), N_("Sunday"))  # fmt: skip
MODES = {"rail": N_("rail"), "road": N_("road"), "walk": N_("on foot")}


def on_day(day: date) -> Said:
    """A date with its weekday: "Thursday 2026-09-24"."""
    return Said(N_("%(weekday)s %(date)s"), weekday=Said(WEEKDAY_NAMES[day.weekday()]),
                date=day.isoformat())  # fmt: skip


def listed(parts: Sequence[str], separator: str = ", ") -> str:
    """Parts joined as one sentence the pages can translate piece by piece."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    msgid = N_("%(head)s; %(tail)s") if separator == "; " else N_("%(head)s, %(tail)s")
    return Said(msgid, head=parts[0], tail=listed(parts[1:], separator))


# Mainland China's public holidays as the `holidays` package names them in English.
HOLIDAYS = (
    N_("New Year's Day"),
    N_("Chinese New Year's Eve"),
    N_("Chinese New Year (Spring Festival)"),
    N_("Tomb-Sweeping Day"),
    N_("Labor Day"),
    N_("Dragon Boat Festival"),
    N_("Mid-Autumn Festival"),
    N_("National Day"),
)
SUBSTITUTED = re.compile(r"Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)")


def holiday(name: str) -> Said:
    """A holiday's name as a message: observed days and days off in lieu keep their parts."""
    found = SUBSTITUTED.fullmatch(name)
    if found:
        month, day, year = found.groups()
        return Said(N_("Day off (substituted from %(date)s)"), date=f"{year}-{month}-{day}")
    if name.endswith(" (observed)"):
        return Said(N_("%(holiday)s (observed)"), holiday=Said(name.removesuffix(" (observed)")))
    return Said(name)
