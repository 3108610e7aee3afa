"""Coordinators create and edit organisations; the record's own class checks every field.

The form is built from ``OrganisationCreate``: each of its fields becomes an input with the
record's limit, so a field added to the record appears here without being listed again.
"""

from typing import Any

from flask_babel import lazy_gettext as _l
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

from .. import i18n
from ..labels import ORGANISATION_KINDS
from ..models import LONG_TEXT_MAX, OrganisationCreate, OrganisationKind
from ..services.records import LIST_SEPARATOR, SHAPES
from . import Form, choices
from .directory import city_choices, sector_choices
from .interest import CheckboxesField

# Each field's label in the page's language; a field added to the record and not named here is
# labelled with its own name until it is.
LABELS = {
    "name": _l("Name"),
    "name_local": _l("Chinese name"),
    "kind": _l("Kind"),
    "city": _l("City"),
    "district": _l("District"),
    "sectors": _l("Sectors"),
    "description": _l("Description"),
    "offers": _l("Offers"),
    "seeks": _l("Seeks or welcomes"),
    "parent": _l("Host park or location"),
    "home_city": _l("Represents (enclaves)"),
    "member_of": _l("Member of"),
    "address": _l("Address"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "visiting_hours": _l("Visiting hours (e.g. Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00)"),
    "visit_minutes": _l("Usual visit length (minutes)"),
    "capacity": _l("Delegations at a time"),
    "languages": _l("Languages spoken (codes, e.g. en; zh)"),
    "hosts_delegations": _l("Hosts delegations"),
    "website": _l("Website"),
    "public_contact": _l("Public contact"),
    "private_contact": _l("Private contact (coordinators only)"),
    "source": _l("Source"),
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


class OrganisationForm(Form):
    """Every field of an organisation record."""

    kind = SelectField(LABELS["kind"])
    city = SelectField(LABELS["city"])
    sectors = CheckboxesField(LABELS["sectors"])
    parent = SelectField(LABELS["parent"], validators=[Optional()])
    home_city = SelectField(LABELS["home_city"], validators=[Optional()])
    member_of = SelectMultipleField(LABELS["member_of"], validators=[Optional()])
    hosts_delegations = SelectField(
        LABELS["hosts_delegations"],
        choices=choices([("", _l("Not known")), ("yes", _l("Yes")), ("no", _l("No"))]),
    )

    def __init__(self, *args, organisations: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(kind.value, ORGANISATION_KINDS[kind]) for kind in OrganisationKind]
        language = i18n.current_language()
        self.city.choices = city_choices(language)
        self.home_city.choices = [("", "—"), *city_choices(language)[:-1]]
        self.sectors.choices = sector_choices(language)
        self.parent.choices = [("", "—"), *[(name, name) for name, _ in organisations]]
        self.member_of.choices = [
            (name, name) for name, kind in organisations if kind == "alliance"
        ]

    def raw_record(self, kept: dict | None = None) -> dict:
        """The form as an import row, to be checked by the same rules as a file.

        ``kept`` gives the values of fields taken off this form (a coordinator's form has no
        private contact: the stored one is kept).
        """
        raw = dict(kept or {})
        for name in OrganisationCreate.model_fields:
            if name in self:
                data = self[name].data
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


class ImportForm(Form):
    file = FileField(
        _l("CSV or JSON file"),
        validators=[FileRequired(), FileAllowed(["csv", "json"], _l("A .csv or .json file."))],
    )


class ConfirmImportForm(Form):
    """Carries the previewed file back, so that workers need not remember it."""

    filename = HiddenField()
    content = HiddenField()


class ArchiveForm(Form):
    """Archive or restore (a button)."""
