"""data/travel.json: coach and high-speed rail times between the nine cities, with their sources."""

from functools import cache

from ..planning.transport import Transport, TransportDataError
from . import DATA, ReferenceDataError, read_json


@cache
def load() -> Transport:
    """The shipped travel table; a malformed file raises ReferenceDataError naming the record."""
    try:
        return Transport.from_json(read_json(DATA / "travel.json"))
    except TransportDataError as exc:
        raise ReferenceDataError(str(exc)) from exc
