"""Forms of the coordinator's review of a delegation."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..labels import OUTCOME_LABELS, STATUS_LABELS
from ..models import LONG_TEXT_MAX, SHORT_TEXT_MAX, DelegationStatus, OutcomeKind
from ..services.review import ACTIONS
from . import Form, choices, values


class DecisionForm(Form):
    """One decision on one match, made on the revision the page showed."""

    action = HiddenField(validators=[DataRequired()])
    revision = IntegerField(validators=[InputRequired()])
    text = TextAreaField(_l("Reason or note"), validators=[Optional(), Length(max=LONG_TEXT_MAX)])

    def validate_action(self, field) -> None:
        if field.data not in ACTIONS:
            raise ValidationError(_l("Unknown decision."))

    def decision(self) -> dict:
        """The decision as ``review.decide`` takes it."""
        return values(self, "action", "revision", "text")


class AddPartnerForm(Form):
    organisation_id = IntegerField(_l("Organisation"), validators=[InputRequired()])


class StatusForm(Form):
    status = SelectField(
        _l("Status"), choices=choices((s.value, STATUS_LABELS[s.value]) for s in DelegationStatus)
    )


class RerunForm(Form):
    """Run matching again (a button; the form carries the CSRF token)."""


class OutcomeForm(Form):
    kind = SelectField(
        _l("Outcome"), choices=choices((k.value, OUTCOME_LABELS[k.value]) for k in OutcomeKind)
    )
    happened_on = DateField(_l("Date"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=SHORT_TEXT_MAX)])

    def outcome(self) -> dict:
        """The outcome as ``outcomes.record_outcome`` takes it."""
        return values(self, "kind", "happened_on", "note")


class QueueFilterForm(Form):
    """Filters of the delegation queue (GET, changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    status = SelectField(
        _l("Status"),
        choices=choices([("", _l("Any status")), *STATUS_LABELS.items()]),
        validators=[Optional()],
    )
    country = StringField(_l("Country code"), validators=[Optional(), Length(max=2)])
