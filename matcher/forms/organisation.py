"""Coordinators create and edit organisations; the record's own class checks every field.

The form is built from ``OrganisationCreate``: each of its fields becomes an input with the
record's limit, so a field added to the record appears here without being listed again.
"""

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    Field,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from ..labels import ORGANISATION_KINDS
from ..models import LONG_TEXT_MAX, OrganisationCreate, OrganisationKind
from ..reference import sectors
from ..services.records import LIST_SEPARATOR, SHAPES
from . import choices
from .directory import city_choices
from .interest import CheckboxesField

# Labels where the field's name alone would not say enough.
LABELS = {
    "name_local": "Chinese name",
    "seeks": "Seeks or welcomes",
    "parent": "Host park or location",
    "home_city": "Represents (enclaves)",
    "visiting_hours": "Visiting hours (e.g. Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00)",
    "visit_minutes": "Usual visit length (minutes)",
    "capacity": "Delegations at a time",
    "languages": "Languages spoken (codes, e.g. en; zh)",
    "private_contact": "Private contact (coordinators only)",
}


def max_length(name: str) -> int | None:
    """The record's length limit for a field, when it has one."""
    metadata = OrganisationCreate.model_fields[name].metadata
    limits = [getattr(rule, "max_length", None) for rule in metadata]
    return next((limit for limit in limits if isinstance(limit, int)), None)


def _input(name: str) -> Field:
    """A text input for one record field: a text area for long texts, the record's limit."""
    label = LABELS.get(name, name.replace("_", " ").capitalize())
    limit = max_length(name) if SHAPES[name] == "text" else None
    validators: list[Any] = [Optional()]
    if limit:
        validators.append(Length(max=limit))
    kind = TextAreaField if limit == LONG_TEXT_MAX else StringField
    return kind(label, validators=validators)


class OrganisationForm(FlaskForm):
    """Every field of an organisation record."""

    kind = SelectField("Kind")
    city = SelectField("City")
    sectors = CheckboxesField("Sectors")
    parent = SelectField(LABELS["parent"], validators=[Optional()])
    home_city = SelectField(LABELS["home_city"], validators=[Optional()])
    member_of = SelectMultipleField("Member of", validators=[Optional()])
    hosts_delegations = SelectField(
        "Hosts delegations", choices=choices([("", "Not known"), ("yes", "Yes"), ("no", "No")])
    )

    def __init__(self, *args, organisations: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(kind.value, ORGANISATION_KINDS[kind]) for kind in OrganisationKind]
        self.city.choices = city_choices("en")
        self.home_city.choices = [("", "—"), *city_choices("en")[:-1]]
        self.sectors.choices = [(s.slug, s.labels["en"]) for s in sectors.load()]
        self.parent.choices = [("", "—"), *[(name, name) for name, _ in organisations]]
        self.member_of.choices = [
            (name, name) for name, kind in organisations if kind == "alliance"
        ]

    def raw_record(self) -> dict:
        """The form as an import row, to be checked by the same rules as a file."""
        raw = {}
        for name in OrganisationCreate.model_fields:
            data = getattr(self, name).data
            raw[name] = "" if data is None else data
        return raw


# Every other field of the record is a text input.
for _name in OrganisationCreate.model_fields:
    if not hasattr(OrganisationForm, _name):
        setattr(OrganisationForm, _name, _input(_name))


def record_form_data(record: OrganisationCreate) -> dict:
    """An existing record as the form's initial values."""
    data = record.model_dump(mode="json")
    data["languages"] = f"{LIST_SEPARATOR} ".join(record.languages)
    data["hosts_delegations"] = {True: "yes", False: "no", None: ""}[record.hosts_delegations]
    for name, shape in SHAPES.items():
        if shape == "number":
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
