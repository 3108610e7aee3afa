"""Rules that fields share across records: text limits, clean text, the allowed values.

The tables, the API's shapes, the import and the forms all take their limits and choices from
here, so a rule is stated once.
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .. import i18n
from ..planning.calendar import HoursError, parse_opening_hours
from ..reference import cities, sectors

NAME_MAX = 200
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 4000
EMAIL_MAX = 254
PHONE_MAX = 40
# At most this many items in a record's lists: sectors, alliances, languages.
SECTORS_MAX = 40
MEMBERSHIPS_MAX = 40
LANGUAGES_MAX = 20

LANGUAGE_CODE_PATTERN = r"^[a-z]{2,3}$"
# Digits, spaces and + ( ) - . only, five to forty of them; or nothing.
PHONE_PATTERN = r"^([0-9+()\-.\s]{5,40})?$"
MAX_GROUP_SIZE = 500
SPOKEN_LANGUAGES_MAX = 30
PREFERRED_CITIES_MAX = 10
PREFERRED_KINDS_MAX = 8
# An http(s) address, or nothing.
WEB_ADDRESS_PATTERN = r"^(https?://[^\s<>\"']+)?$"
# The largest value of the integer columns (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


def forbidden_character(text: str) -> bool:
    """Whether ``text`` holds NUL or another control character (tab and line breaks aside).

    PostgreSQL refuses NUL in text; the others have no business in a name or a note.
    """
    return any((ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0 for c in text)


def _clean_text(value: Any) -> Any:
    """Text loses its surrounding spaces; a NUL character is refused (databases reject it)."""
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "contains a NUL character")
    return value.strip()


def _one_line(value: Any) -> Any:
    """A name on one line: control characters are refused."""
    if isinstance(value, str) and any(ord(c) < 32 for c in value):
        raise PydanticCustomError("control_character", "remove the control characters")
    return value


def _readable_hours(value: str) -> str:
    """Visiting hours the planner can read, stored in the one form it reads; else refused."""
    if not value:
        return value
    try:
        return parse_opening_hours(value).describe()
    except HoursError as exc:
        said = {"reason": str(exc), "msgid": exc.said.msgid, "params": exc.said.params}
        raise PydanticCustomError("visiting_hours", "{reason}", said) from exc


def _each_once(value: Any) -> Any:
    """A list keeps the first of each repeated item."""
    return list(dict.fromkeys(value)) if isinstance(value, list) else value


CleanText = Annotated[str, BeforeValidator(_clean_text)]
# A person's or a delegation's name: trimmed text on one line.
PersonName = Annotated[str, BeforeValidator(_clean_text), BeforeValidator(_one_line)]

# The shipped reference files are part of every record's contract: their slugs are the values.
CitySlug = Literal[tuple(cities.slugs())]  # type: ignore[valid-type]
CityOrOther = Literal[tuple(cities.slugs(other=True))]  # type: ignore[valid-type]
SectorSlug = Literal[tuple(sectors.slugs())]  # type: ignore[valid-type]
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_CODE_PATTERN)]
SpokenLanguage = Literal[i18n.SPOKEN_LANGUAGES]  # type: ignore[valid-type]
InterfaceLanguage = Literal[tuple(i18n.LANGUAGES)]  # type: ignore[valid-type]
CountryCode = Literal[tuple(code for code, _ in i18n.country_choices("en"))]  # type: ignore[valid-type]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN), BeforeValidator(_clean_text)]
# Lists whose items count once, in the order first given.
Distinct = BeforeValidator(_each_once)
OrganisationName = Annotated[CleanText, Field(max_length=NAME_MAX)]
# Read by matcher.planning.calendar, the planner's own reader: what it cannot read is refused.
VisitingHours = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_readable_hours)]
WebAddress = Annotated[str, Field(pattern=WEB_ADDRESS_PATTERN), BeforeValidator(_clean_text)]
