"""CSV cells a spreadsheet will not run: neutralised on the way out, restored on the way in.

A spreadsheet runs a cell that starts with ``= + - @`` as a formula (tab and carriage return
shift one into place), so an organisation named ``=HYPERLINK(...)`` could execute or leak data
when a coordinator opens the export. Such cells get a leading apostrophe, which spreadsheets
read as "text"; the import takes it off again, so an export imports back unchanged.
"""

import re
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """A cell as ``neutralise`` wrote it, back to its value."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


# Unicode isolates (UAX #9): a value wrapped in them is laid out on its own, so a Latin name,
# a date or a phone number inside a right-to-left sheet neither reorders nor is reordered.
FIRST_STRONG_ISOLATE, LEFT_TO_RIGHT_ISOLATE, POP_ISOLATE = "\u2068", "\u2066", "\u2069"


# A number the bidirectional algorithm keeps in one left-to-right run on its own (rule W4: one
# separator between digits joins them), such as a date, a time or a decimal.
PLAIN_NUMBER = re.compile(r"\d+(?:[-:/.,]\d+)*")


def isolate(text: str) -> str:
    """A cell of a right-to-left sheet: values with Latin or Chinese letters isolated in the
    direction of their first letter; letterless ones that would be reordered (a phone number's
    groups, "+86", times with a dash) isolated left to right; Arabic text, dates and times
    as they are."""
    if not text:
        return text
    kinds = {unicodedata.bidirectional(character) for character in text}
    if "L" in kinds:
        return FIRST_STRONG_ISOLATE + text + POP_ISOLATE
    if kinds & {"R", "AL"} or PLAIN_NUMBER.fullmatch(text):
        return text
    if kinds & {"EN", "AN"}:
        return LEFT_TO_RIGHT_ISOLATE + text + POP_ISOLATE
    return text
