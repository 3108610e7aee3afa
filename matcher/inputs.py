"""Input every database stores: integers within the columns' range, text without NUL."""

from werkzeug.routing import IntegerConverter

# The largest value of the integer columns (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


class DatabaseInteger(IntegerConverter):
    """``<int:...>`` in addresses, limited to what an integer column can hold."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
