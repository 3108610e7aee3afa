"""The delegation's interest form, labelled in the page's language."""

from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from .. import i18n
from ..labels import DELEGATION_KINDS, ORGANISATION_KINDS
from ..models import (
    DelegationBase,
    DelegationDetails,
    DelegationKind,
    InterestDetails,
    says_what_it_wants,
)
from ..models.rules import (
    EMAIL_MAX,
    LONG_TEXT_MAX,
    MAX_GROUP_SIZE,
    NAME_MAX,
    PHONE_MAX,
    PHONE_PATTERN,
)
from ..services.delegations import MAX_TRIP_DAYS, InvalidTrip, check_trip, latest_arrival
from . import Form, choices
from .directory import city_choices, sector_choices
from .link import SubmissionKeyField

# Form fields whose name differs from the record's.
RECORD_NAMES = {"delegation_name": "name"}
# Kinds of partner a delegation can prefer: those that receive visits.
PARTNER_KINDS = ("park", "enclave", "company", "institute", "university", "platform", "fund")


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes: usable on a phone and without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OrderedChoicesField(SelectMultipleField):
    """Several choices in the order given (several selects of one name); blanks and repeats
    are dropped, the first choice stays first."""

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(list(dict.fromkeys(v for v in valuelist if v)))


class InterestForm(Form):
    """Who the delegation is, when it visits, and what it offers and seeks."""

    delegation_name = StringField(
        _l("Name of the delegation"), validators=[DataRequired(), Length(max=NAME_MAX)]
    )
    country = SelectField(_l("Country"), validators=[DataRequired()])
    kind = SelectField(_l("Type of delegation"), validators=[DataRequired()])
    contact_name = StringField(
        _l("Contact person"), validators=[DataRequired(), Length(max=NAME_MAX)]
    )
    contact_email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Length(max=EMAIL_MAX), Email(check_deliverability=False)],
    )
    contact_phone = TelField(
        _l("Phone (optional)"),
        validators=[
            Optional(),
            Length(max=PHONE_MAX),
            Regexp(PHONE_PATTERN, message=_l("Use digits, spaces and + ( ) - only.")),
        ],
    )
    languages = OrderedChoicesField(_l("Languages spoken by the delegation"))
    arrival = DateField(_l("Arrival date"), validators=[InputRequired()])
    departure = DateField(_l("Departure date"), validators=[InputRequired()])
    group_size = IntegerField(
        _l("Number of people"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_GROUP_SIZE)],
    )
    sectors = CheckboxesField(_l("Sectors of interest"))
    offers = TextAreaField(
        _l("What your delegation offers"), validators=[Length(max=LONG_TEXT_MAX)]
    )
    seeks = TextAreaField(_l("What your delegation seeks"), validators=[Length(max=LONG_TEXT_MAX)])
    preferred_cities = CheckboxesField(_l("Cities you would like to visit (optional)"))
    preferred_kinds = CheckboxesField(_l("Kinds of partner you prefer (optional)"))
    consent = BooleanField(
        _l(
            "I agree that G60 Match stores these details to recommend partners and plan the "
            "visit, and shares the delegation's name and interest with the organisations "
            "proposed."
        ),
        validators=[DataRequired(message=_l("Your consent is needed to register."))],
    )
    submission_key = SubmissionKeyField(validators=[Length(max=64)])
    # Left empty by people; filled in by robots that complete every field.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = i18n.current_language()
        self.country.choices = choices(
            [("", _l("Choose a country")), *i18n.country_choices(language)]
        )
        kinds = [(kind.value, DELEGATION_KINDS[kind]) for kind in DelegationKind]
        self.kind.choices = choices([("", _l("Choose a type")), *kinds])
        self.languages.choices = choices(i18n.spoken_language_choices(language))
        self.arrival.render_kw = {"max": latest_arrival(date.today()).isoformat()}
        self.departure.render_kw = {"max": latest_arrival(date.today()).isoformat()}
        self.sectors.choices = choices(sector_choices(language))
        self.preferred_cities.choices = choices(city_choices(language)[:-1])
        self.preferred_kinds.choices = choices((k, ORGANISATION_KINDS[k]) for k in PARTNER_KINDS)

    #: The earliest arrival accepted; an edit of a visit already under way lowers it.
    earliest_arrival: date | None = None

    def is_spam(self) -> bool:
        return bool((self.website.data or "").strip())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.arrival.data and self.departure.data and self.group_size.data is not None:
            try:
                check_trip(
                    arrival=self.arrival.data,
                    departure=self.departure.data,
                    group_size=self.group_size.data,
                    today=self.earliest_arrival or date.today(),
                )
            except InvalidTrip as exc:
                field = getattr(self, exc.field)
                # A field already refused (a group of 0) is not told the same thing twice.
                if not field.errors:
                    field.errors.append(trip_message(exc))
                valid = False
        offers, seeks = self.offers.data or "", self.seeks.data or ""
        if not says_what_it_wants(offers, seeks, self.sectors.data or []):
            self.seeks.errors.append(
                _l("Tell us what you seek or offer, or choose at least one sector.")
            )
            valid = False
        return valid

    def validate_delegation_name(self, field) -> None:
        _no_control_characters(field)

    def validate_contact_name(self, field) -> None:
        _no_control_characters(field)

    def details(self) -> DelegationDetails:
        """Who the delegation is, as the service stores it (the form has checked every rule)."""
        values = {
            RECORD_NAMES.get(name, name): _value(field) for name, field in self._fields.items()
        }
        values.update(locale=i18n.current_language(), consent_at=datetime.now(UTC))
        return DelegationDetails.model_validate(
            {name: values[name] for name in DelegationDetails.model_fields}
        )

    def interest(self) -> InterestDetails:
        """What the delegation offers and seeks, as the service stores it."""
        return InterestDetails.model_validate(
            {name: getattr(self, name).data or [] for name in InterestDetails.model_fields}
            | {"offers": self.offers.data or "", "seeks": self.seeks.data or ""}
        )


def _value(field) -> object:
    """A field's value; a text field left out of the request (an optional one) is empty text."""
    return "" if field.data is None and isinstance(field, StringField) else field.data


def trip_message(error: InvalidTrip) -> str:
    """The trip rule that failed, in the page's language."""
    messages = {
        "past": _l("The arrival date is in the past."),
        "too_far": _l("The arrival date is more than two years ahead."),
        "order": _l("The departure date is before the arrival date."),
        "too_long": _l("A visit can last at most %(days)d days.", days=MAX_TRIP_DAYS),
        "size": _l("A group has between 1 and %(size)d people.", size=MAX_GROUP_SIZE),
    }
    return str(messages.get(error.code, str(error)))


def _no_control_characters(field) -> None:
    if any(ord(c) < 32 for c in field.data or ""):
        raise ValidationError(_l("Remove the control characters from this field."))


def form_data(delegation) -> dict:
    """A stored delegation as the form's initial values."""
    fields = {name: getattr(delegation, name) for name in DelegationBase.model_fields}
    interest = delegation.interest
    return {
        **{form: fields.pop(record) for form, record in RECORD_NAMES.items()},
        **fields,
        **{name: getattr(interest, name) for name in InterestDetails.model_fields},
        "kind": delegation.kind.value,
        "sectors": [s.slug for s in interest.sectors],
        "consent": True,
    }
