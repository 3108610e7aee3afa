"""The directory's search form."""

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

from .. import i18n
from ..labels import ORGANISATION_KINDS
from ..models import OrganisationKind
from ..reference import cities, sectors
from . import Form, choices


class DirectorySearchForm(Form):
    """The directory's search box and filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Search"), validators=[Optional(), Length(max=200)])
    city = SelectField(_l("City"), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = i18n.current_language()
        self.city.choices = choices([("", _l("All cities")), *city_choices(language)])
        self.kind.choices = choices(
            [("", _l("All kinds"))]
            + [(kind.value, ORGANISATION_KINDS[kind.value]) for kind in OrganisationKind]
        )
        self.sector.choices = choices([("", _l("All sectors")), *sector_choices(language)])

    def criteria(self) -> dict[str, str]:
        return {
            "text": (self.q.data or "").strip(),
            "city": self.city.data or "",
            "kind": self.kind.data or "",
            "sector": self.sector.data or "",
        }


def city_choices(language: str) -> list[tuple[str, str]]:
    """The nine cities, then "other", named in the page's language."""
    nine = [(c.slug, c.label(language)) for c in cities.load().by_slug.values()]
    return [*nine, (cities.OTHER_CITY, _l("Other"))]


def sector_choices(language: str) -> list[tuple[str, str]]:
    """Every sector, labelled and sorted in the page's language."""
    labelled = [(s.slug, s.label(language)) for s in sectors.load()]
    order = i18n.sort_key(language)
    return sorted(labelled, key=lambda item: order(item[1]))
