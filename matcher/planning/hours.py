"""Parse the free-text visiting hours organisations give ("9am-5pm", "09:00–17:30")."""

from __future__ import annotations

import re
from datetime import time

# Organisations type hours by hand, in English or Chinese punctuation: dashes of every width,
# "to", "至", "~", and full-width colons all occur.
_SEPARATOR = re.compile(r"\s*(?:-|–|—|―|−|~|～|〜|至|到|\bto\b|\btill\b|\buntil\b)\s*", re.I)
_TIME = re.compile(
    r"""^\s*
    (?P<hour>\d{1,2})
    (?:\s*[:.h：时点]\s*(?P<minute>\d{2}))?
    \s*(?:分|h|时|点)?
    \s*(?P<meridiem>a\.?m\.?|p\.?m\.?)?
    \s*$""",
    re.I | re.X,
)
_LIST = re.compile(r"\s*(?:[,;/、，；]|\band\b|&)\s*", re.I)
_COMPACT = re.compile(r"^\s*(?P<hour>\d{2})(?P<minute>\d{2})\s*$")


def _parse_time(text: str) -> tuple[int, int, str | None] | None:
    """Hour, minute and am/pm marker of one side of a range, or None."""
    compact = _COMPACT.match(text)
    if compact:
        return int(compact["hour"]), int(compact["minute"]), None
    match = _TIME.match(text)
    if not match:
        return None
    meridiem = match["meridiem"]
    marker = meridiem.replace(".", "").lower() if meridiem else None
    return int(match["hour"]), int(match["minute"] or 0), marker


def _to_time(hour: int, minute: int, marker: str | None) -> time | None:
    """A clock time from a parsed side, applying am/pm; None when out of range."""
    if marker is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker == "pm" else 0)
    if hour == 24 and minute == 0:
        return time(23, 59)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def parse_hours(text: str | None) -> tuple[time, time] | None:
    """Opening and closing times from text like "9:00–17:30" or "9am-5pm"; None if unreadable.

    Several ranges ("9:00-12:00, 14:00-17:00") give the first opening to the last closing:
    the planner's lunch break already covers a midday closure.
    """
    if not text or not text.strip():
        return None
    ranges = [_parse_range(part) for part in _LIST.split(text.strip()) if part.strip()]
    if not ranges or None in ranges:
        return None
    opens = min(r[0] for r in ranges)  # type: ignore[index]
    closes = max(r[1] for r in ranges)  # type: ignore[index]
    return opens, closes


def _parse_range(text: str) -> tuple[time, time] | None:
    """One "open-close" range."""
    parts = _SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    opening, closing = (_parse_time(part) for part in parts)
    if opening is None or closing is None:
        return None
    # "9-5pm" means 9am to 5pm: a missing marker on the opening borrows the closing's.
    open_marker = opening[2]
    if open_marker is None and closing[2] is not None:
        open_marker = closing[2] if opening[0] <= closing[0] else "am"
    opens = _to_time(opening[0], opening[1], open_marker)
    closes = _to_time(closing[0], closing[1], closing[2])
    if opens is None or closes is None or closes <= opens:
        return None
    return opens, closes
