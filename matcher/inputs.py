"""Input every database stores: integers within the columns' range, text without NUL."""

from werkzeug.routing import IntegerConverter

# The largest value of the integer columns (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


class DatabaseInteger(IntegerConverter):
    """``<int:...>`` in addresses, limited to what an integer column can hold."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def forbidden_character(text: str) -> bool:
    """Whether ``text`` holds NUL or another control character (tab and line breaks aside).

    PostgreSQL refuses NUL in text; the others have no business in a name or a note.
    """
    return any((ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0 for c in text)


def without_control_characters(text: str) -> str:
    """``text`` with NUL and other control characters (tab and line breaks aside) removed."""
    return "".join(
        c for c in text if not ((ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0)
    )
