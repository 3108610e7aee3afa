"""Forms of the itinerary page."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectField, TimeField
from wtforms.validators import AnyOf, InputRequired, NumberRange, Optional

from .. import i18n
from . import Form, choices
from .directory import city_choices
from .interest import CheckboxesField

VISIT_ACTIONS = ("lock", "unlock", "remove", "restore")


class PlanForm(Form):
    """The day rhythm the planner works with."""

    day_start = TimeField(_l("Day starts"), validators=[InputRequired()])
    day_end = TimeField(_l("Day ends"), validators=[InputRequired()])
    lunch_start = TimeField(_l("Lunch from"), validators=[InputRequired()])
    lunch_end = TimeField(_l("Lunch until"), validators=[InputRequired()])
    max_visits = IntegerField(
        _l("Visits a day at most"), validators=[InputRequired(), NumberRange(min=1, max=10)]
    )
    base_city = SelectField(_l("Hotel city"))
    arrival_time = TimeField(_l("Arrives on the first day at"), validators=[Optional()])
    arrival_city = SelectField(_l("Arrives in"), default="")
    departure_time = TimeField(_l("Leaves on the last day at"), validators=[Optional()])
    departure_city = SelectField(_l("Leaves from"), default="")
    rest_days = CheckboxesField(_l("Rest days"))

    def __init__(self, *args, trip_dates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cities = city_choices(i18n.current_language())[:-1]
        self.base_city.choices = choices(cities)
        ends = [("", _l("the hotel city")), *cities]
        self.arrival_city.choices = choices(ends)
        self.departure_city.choices = choices(ends)
        self.rest_days.choices = choices((d.isoformat(), i18n.short_day(d)) for d in trip_dates)

    def settings(self) -> dict:
        return {
            "day_start": self.day_start.data.strftime("%H:%M"),
            "day_end": self.day_end.data.strftime("%H:%M"),
            "lunch_start": self.lunch_start.data.strftime("%H:%M"),
            "lunch_end": self.lunch_end.data.strftime("%H:%M"),
            "max_visits": self.max_visits.data,
            "base_city": self.base_city.data,
            "arrival_time": _hhmm(self.arrival_time.data, "09:00"),
            "arrival_city": self.arrival_city.data or "",
            "departure_time": _hhmm(self.departure_time.data, "18:00"),
            "departure_city": self.departure_city.data or "",
            "rest_days": sorted(self.rest_days.data or []),
        }


def _hhmm(value, default: str) -> str:
    """A time field's value as HH:MM, or the default when left empty."""
    return value.strftime("%H:%M") if value else default


class MoveVisitForm(Form):
    """Fix a visit at another day and time."""

    organisation_id = IntegerField(validators=[InputRequired()])
    day = SelectField(_l("Day"))
    start = TimeField(_l("Time"), validators=[InputRequired()])
    # "yes" once the coordinator has seen what the move changes; without it the move is shown.
    confirm = HiddenField()

    def __init__(self, *args, trip_dates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.day.choices = choices((d.isoformat(), i18n.short_day(d)) for d in trip_dates)


class VisitActionForm(Form):
    organisation_id = IntegerField(validators=[InputRequired()])
    action = HiddenField(validators=[AnyOf(VISIT_ACTIONS)])
    # "yes" once the coordinator has seen what the edit changes; without it the edit is shown.
    confirm = HiddenField()


class PublishForm(Form):
    """Publish the draft to the delegate (a button)."""


def trip_dates(delegation) -> list:
    days = (delegation.departure - delegation.arrival).days + 1
    return [delegation.arrival + timedelta(days=n) for n in range(days)]
