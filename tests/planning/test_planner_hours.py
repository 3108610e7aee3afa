"""parse_hours reads the visiting hours organisations type by hand."""

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.planning import parse_hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-17:00", (time(9), time(17))),
        ("9:00–17:30", (time(9), time(17, 30))),
        ("9am-5pm", (time(9), time(17))),
        ("9 a.m. to 5:30 p.m.", (time(9), time(17, 30))),
        ("9-5pm", (time(9), time(17))),
        ("1-5pm", (time(13), time(17))),
        ("0900-1700", (time(9), time(17))),
        ("9h-17h", (time(9), time(17))),
        ("9：00～17：00", (time(9), time(17))),
        ("上午9:00至17:00", None),
        ("9:00至17:00", (time(9), time(17))),
        (" 08.30 - 12.00 ", (time(8, 30), time(12))),
        ("9:00-11:30, 13:30-17:00", (time(9), time(17))),
        ("9:00-11:30；13:30-17:00", (time(9), time(17))),
    ],
)
def test_readable_hours(text, expected):
    assert parse_hours(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "by appointment", "17:00-09:00", "25:00-26:00", "9am", "13pm-2pm", "9-12, later"],
)
def test_unreadable_hours_are_none(text):
    assert parse_hours(text) is None


@given(st.text(max_size=40))
def test_any_text_gives_none_or_a_valid_range(text):
    parsed = parse_hours(text)
    assert parsed is None or parsed[0] < parsed[1]


@given(st.integers(0, 23 * 60 + 58), st.integers(1, 24 * 60), st.sampled_from(["-", "–", " to "]))
def test_written_ranges_read_back(opening, length, separator):
    closing = min(opening + length, 23 * 60 + 59)
    text = f"{opening // 60}:{opening % 60:02d}{separator}{closing // 60:02d}:{closing % 60:02d}"
    assert parse_hours(text) == (
        time(opening // 60, opening % 60),
        time(closing // 60, closing % 60),
    )
