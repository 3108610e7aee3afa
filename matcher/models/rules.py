"""Rules that fields share across records: text limits, clean text, the allowed values.

The tables, the API's shapes, the import and the forms all take their limits and choices from
here, so a rule is stated once.
"""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

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
# An http(s) address, or nothing.
WEB_ADDRESS_PATTERN = r"^(https?://[^\s<>\"']+)?$"


def _clean_text(value: Any) -> Any:
    """Text loses its surrounding spaces; a NUL character is refused (databases reject it)."""
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "contains a NUL character")
    return value.strip()


CleanText = Annotated[str, BeforeValidator(_clean_text)]

# The shipped reference files are part of every record's contract: their slugs are the values.
CitySlug = Literal[tuple(cities.slugs())]  # type: ignore[valid-type]
CityOrOther = Literal[tuple(cities.slugs(other=True))]  # type: ignore[valid-type]
SectorSlug = Literal[tuple(sectors.slugs())]  # type: ignore[valid-type]
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_CODE_PATTERN)]
OrganisationName = Annotated[CleanText, Field(max_length=NAME_MAX)]
WebAddress = Annotated[str, Field(pattern=WEB_ADDRESS_PATTERN), BeforeValidator(_clean_text)]
