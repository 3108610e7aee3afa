"""Structured visiting hours and the mainland China working calendar.

Visiting hours are read by one function, `parse_opening_hours`, from text such as
"Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00" or "周一至周五 9:00-17:00". A text without
days means Monday to Friday. Public holidays and the make-up working days that China moves onto
weekends come from the maintained `holidays` package, not from a list kept here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from .hours import _LIST, _parse_range
from .said import N_, Said

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The same short names marked for the catalogues, so reasons name the days in the reader's words.
_WEEKDAYS_SAID = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
EXAMPLE = "Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00"
_DAY_NAMES = {
    **{name.casefold(): i for i, name in enumerate(WEEKDAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{f"周{c}": i for i, c in enumerate("一二三四五六日")},
    **{f"星期{c}": i for i, c in enumerate("一二三四五六日")},
    "周天": 6,
    "星期天": 6,
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
_EVERY_DAY = {"daily", "every day", "everyday", "每天", "每日"}
_HOLIDAYS = {"holidays", "public holidays", "节假日"}
# A segment of its own that opens the host on public holidays with its usual hours.
_HOLIDAYS_OPEN = {
    "holidays",
    "holidays open",
    "open on holidays",
    "open on public holidays",
    "节假日开放",
}
_DAY_TOKEN = re.compile(r"\s*(?:[,，、&/]|\band\b)\s*", re.I)
_DAY_RANGE = re.compile(r"\s*(?:-|–|—|~|～|至|到|\bto\b)\s*", re.I)

Range = tuple[int, int]  # minutes after midnight


class HoursError(ValueError):
    """Visiting hours that cannot be read; the message says what was expected (``said`` keeps
    its message id and values for pages in other languages)."""

    def __init__(self, said: Said) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Ranges of minutes per weekday (Monday first) and whether public holidays are open."""

    week: tuple[tuple[Range, ...], ...]
    holidays_open: bool = False

    def working_ranges(self) -> tuple[Range, ...]:
        """A working weekday's ranges: what a make-up working day on a weekend keeps."""
        return next((ranges for ranges in self.week[:5] if ranges), ())

    def _spans(self) -> Iterable[tuple[int, int, tuple[Range, ...]]]:
        """Runs of weekdays with the same ranges: first day, last day, ranges."""
        index = 0
        while index < 7:
            ranges = self.week[index]
            end = index
            while end + 1 < 7 and self.week[end + 1] == ranges:
                end += 1
            if ranges:
                yield index, end, ranges
            index = end + 1

    def describe(self) -> str:
        """The hours written back in the canonical form the parser reads."""
        text = "; ".join(
            WEEKDAYS[first] + (f"-{WEEKDAYS[last]}" if last > first else "")
            + f" {', '.join(_format(r) for r in ranges)}"
            for first, last, ranges in self._spans()
        )  # fmt: skip
        return f"{text}; open on public holidays" if self.holidays_open and text else text

    def said(self) -> Said:
        """The hours as ``describe`` writes them, with the day names and the holiday note kept
        as message ids so that a page words them in its reader's language."""
        parts = {}
        for number, (first, last, ranges) in enumerate(self._spans()):
            days = Said(_WEEKDAYS_SAID[first])
            if last > first:
                days = Said(N_("%(first)s-%(last)s"), first=days, last=Said(_WEEKDAYS_SAID[last]))
            times = ", ".join(_format(r) for r in ranges)
            parts[f"part{number}"] = Said("%(days)s %(times)s", days=days, times=times)
        text = Said("; ".join(f"%({key})s" for key in parts), **parts)
        if self.holidays_open and parts:
            return Said(N_("%(hours)s; open on public holidays"), hours=text)
        return text


def _format(span: Range) -> str:
    return f"{span[0] // 60:02d}:{span[0] % 60:02d}-{span[1] // 60:02d}:{span[1] % 60:02d}"


def _days(text: str, whole: str) -> tuple[set[int], bool]:
    """The weekdays named at the head of a segment, and whether holidays are named."""
    days: set[int] = set()
    holidays_named = False
    for token in _DAY_TOKEN.split(text.strip().rstrip(":：").strip()):
        token = token.strip().casefold().rstrip(".")
        if not token:
            continue
        if token in _EVERY_DAY:
            days.update(range(7))
        elif token in _HOLIDAYS:
            holidays_named = True
        elif token in _DAY_NAMES:
            days.add(_DAY_NAMES[token])
        else:
            ends = _DAY_RANGE.split(token)
            if len(ends) != 2 or not all(end.strip() in _DAY_NAMES for end in ends):
                raise HoursError(Said(
                    N_("Cannot read the days “%(days)s” in “%(text)s”; write for example "
                       "“%(example)s”."), days=token, text=whole, example=EXAMPLE,
                ))  # fmt: skip
            first, last = (_DAY_NAMES[end.strip()] for end in ends)
            days.update(
                range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
            )
    return days, holidays_named


def parse_opening_hours(text: str) -> OpeningHours:
    """Visiting hours from text; raises HoursError with the reason when any part is unreadable."""
    if not text or not text.strip():
        raise HoursError(Said(N_("No visiting hours given.")))
    week: list[list[Range]] = [[] for _ in range(7)]
    holidays_open = False
    for segment in re.split(r"\s*[;；\n]\s*", text.strip()):
        if not segment:
            continue
        digit = re.search(r"\d", segment)
        if digit is None and segment.casefold().strip(" .") in _HOLIDAYS_OPEN:
            holidays_open = True
            continue
        if digit is None:
            raise HoursError(Said(
                N_("No times in “%(text)s”; write for example “%(example)s”."),
                text=segment, example=EXAMPLE,
            ))  # fmt: skip
        head, times = segment[: digit.start()], segment[digit.start() :]
        days, named_holidays = _days(head, segment) if head.strip() else (set(range(5)), False)
        holidays_open = holidays_open or named_holidays
        ranges = []
        for part in _LIST.split(times):
            if not part.strip():
                continue
            span = _parse_range(part)
            if span is None:
                raise HoursError(Said(
                    N_("Cannot read the times “%(times)s” in “%(text)s”: give opening and "
                       "closing as HH:MM-HH:MM, closing after opening."),
                    times=part.strip(), text=segment,
                ))  # fmt: skip
            ranges.append((span[0].hour * 60 + span[0].minute, span[1].hour * 60 + span[1].minute))
        for day in days:
            week[day].extend(ranges)
    merged = tuple(_merge(ranges) for ranges in week)
    if not any(merged):
        raise HoursError(Said(
            N_("No open day in “%(text)s”; write for example “%(example)s”."),
            text=text.strip(), example=EXAMPLE,
        ))  # fmt: skip
    return OpeningHours(merged, holidays_open)


def _merge(ranges: Iterable[Range]) -> tuple[Range, ...]:
    """Sorted ranges with overlaps joined."""
    result: list[Range] = []
    for low, high in sorted(ranges):
        if result and low <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], high))
        else:
            result.append((low, high))
    return tuple(result)


@lru_cache(maxsize=8)
def _china(years: tuple[int, ...]) -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=years)


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Mainland China's public holidays and make-up working days, by the `holidays` package."""

    def holiday(self, day: date) -> str | None:
        """The holiday's name when the day is a public holiday or a day off in lieu."""
        calendar = _china((day.year,))
        return None if calendar.is_working_day(day) else calendar.get(day)

    def working(self, day: date) -> bool:
        """Whether offices work that day (weekdays, and weekends made working days)."""
        return _china((day.year,)).is_working_day(day)

    def open_ranges(self, hours: OpeningHours, day: date) -> tuple[Range, ...]:
        """When a host with these hours receives visitors on a date."""
        if self.holiday(day) is not None:
            return hours.week[day.weekday()] if hours.holidays_open else ()
        if day.weekday() >= 5 and self.working(day):
            return _merge([*hours.week[day.weekday()], *hours.working_ranges()])
        return hours.week[day.weekday()]
