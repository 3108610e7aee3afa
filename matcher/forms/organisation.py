"""Coordinators create and edit organisations; the import's own rules check every field."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from .. import reference
from ..labels import ORGANISATION_KINDS
from ..models import LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX
from ..records import LIST_SEPARATOR, OrganisationRecord
from . import choices
from .directory import city_choices
from .interest import CheckboxesField

TEXT_FIELDS = (
    "name",
    "name_local",
    "district",
    "description",
    "offers",
    "seeks",
    "address",
    "visiting_hours",
    "website",
    "public_contact",
    "private_contact",
    "source",
)


class OrganisationForm(FlaskForm):
    """Every field of an organisation record."""

    name = StringField("Name", validators=[Length(max=NAME_MAX)])
    name_local = StringField("Chinese name", validators=[Optional(), Length(max=NAME_MAX)])
    kind = SelectField("Kind")
    city = SelectField("City")
    district = StringField("District", validators=[Optional(), Length(max=SHORT_TEXT_MAX)])
    sectors = CheckboxesField("Sectors")
    description = TextAreaField("Description", validators=[Length(max=LONG_TEXT_MAX)])
    offers = TextAreaField("Offers", validators=[Length(max=LONG_TEXT_MAX)])
    seeks = TextAreaField("Seeks or welcomes", validators=[Length(max=LONG_TEXT_MAX)])
    parent = SelectField("Host park or location", validators=[Optional()])
    home_city = SelectField("Represents (enclaves)", validators=[Optional()])
    member_of = SelectMultipleField("Member of", validators=[Optional()])
    address = StringField("Address", validators=[Optional(), Length(max=SHORT_TEXT_MAX)])
    latitude = StringField("Latitude", validators=[Optional(), Length(max=20)])
    longitude = StringField("Longitude", validators=[Optional(), Length(max=20)])
    visiting_hours = StringField(
        "Visiting hours (e.g. Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00)",
        validators=[Optional()],
    )
    visit_minutes = StringField("Usual visit length (minutes)", validators=[Optional()])
    capacity = StringField("Delegations at a time", validators=[Optional()])
    languages = StringField("Languages spoken (codes, e.g. en; zh)", validators=[Optional()])
    hosts_delegations = SelectField(
        "Hosts delegations", choices=choices([("", "Not known"), ("yes", "Yes"), ("no", "No")])
    )
    website = StringField("Website", validators=[Optional()])
    public_contact = StringField("Public contact", validators=[Optional()])
    private_contact = StringField("Private contact (coordinators only)", validators=[Optional()])
    source = StringField("Source", validators=[Optional()])

    def __init__(self, *args, organisations: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = list(ORGANISATION_KINDS.items())
        self.city.choices = city_choices("en")
        self.home_city.choices = [("", "—"), *city_choices("en")[:-1]]
        self.sectors.choices = [(s.slug, s.labels["en"]) for s in reference.sectors()]
        self.parent.choices = [("", "—"), *[(name, name) for name, _ in organisations]]
        self.member_of.choices = [
            (name, name) for name, kind in organisations if kind == "alliance"
        ]

    def raw_record(self) -> dict:
        """The form as an import row, to be checked by the same rules as a file."""
        raw = {name: getattr(self, name).data or "" for name in TEXT_FIELDS}
        raw.update(
            kind=self.kind.data,
            city=self.city.data,
            sectors=list(self.sectors.data or []),
            parent=self.parent.data or "",
            home_city=self.home_city.data or "",
            member_of=list(self.member_of.data or []),
            latitude=self.latitude.data or "",
            longitude=self.longitude.data or "",
            visit_minutes=self.visit_minutes.data or "",
            capacity=self.capacity.data or "",
            languages=self.languages.data or "",
            hosts_delegations=self.hosts_delegations.data or "",
        )
        return raw


def record_form_data(record: OrganisationRecord) -> dict:
    """An existing record as the form's initial values."""
    data = record.as_dict()
    data["languages"] = f"{LIST_SEPARATOR} ".join(record.languages)
    data["hosts_delegations"] = {True: "yes", False: "no", None: ""}[record.hosts_delegations]
    for name in ("latitude", "longitude", "visit_minutes", "capacity"):
        data[name] = "" if data[name] is None else str(data[name])
    return data


class ImportForm(FlaskForm):
    file = FileField(
        "CSV or JSON file",
        validators=[FileRequired(), FileAllowed(["csv", "json"], "A .csv or .json file.")],
    )


class ConfirmImportForm(FlaskForm):
    """Carries the previewed file back, so that workers need not remember it."""

    filename = HiddenField()
    content = HiddenField()


class ArchiveForm(FlaskForm):
    """Archive or restore (a button)."""
