"""Flask-WTF forms."""

from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

from . import reference
from .models import OrganisationKind

KIND_LABELS = {
    "park": "Industrial park",
    "enclave": "Innovation enclave",
    "company": "Company",
    "alliance": "Industrial alliance",
    "fund": "Fund",
    "university": "University",
    "institute": "Research institute",
    "platform": "Platform or service centre",
}


class DirectorySearchForm(FlaskForm):
    """The directory's search box and filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = SearchField("Search", validators=[Optional(), Length(max=200)])
    city = SelectField("City", validators=[Optional()])
    kind = SelectField("Kind", validators=[Optional()])
    sector = SelectField("Sector", validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.city.choices = [("", "All cities"), *reference.city_choices()]
        self.kind.choices = [("", "All kinds")] + [
            (kind.value, KIND_LABELS[kind.value]) for kind in OrganisationKind
        ]
        self.sector.choices = [("", "All sectors")] + [
            (s.slug, s.labels["en"]) for s in reference.sectors()
        ]

    def criteria(self) -> dict[str, str]:
        return {
            "text": (self.q.data or "").strip(),
            "city": self.city.data or "",
            "kind": self.kind.data or "",
            "sector": self.sector.data or "",
        }
