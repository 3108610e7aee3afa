"""Flask-WTF forms, one module per area."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice

from ..models.rules import forbidden_character


class Form(FlaskForm):
    """A form that reports control characters (NUL and the like) beside the field they are in."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            sent = [value for value in field.raw_data or [] if isinstance(value, str)]
            if any(forbidden_character(value) for value in sent):
                field.errors = [
                    *field.errors,
                    _l("Remove the control characters from this field."),
                ]
                valid = False
        return valid


def values(form, *names: str) -> dict:
    """The named fields' data by name, as a service's keyword arguments (no text is None)."""
    return {name: "" if form[name].data is None else form[name].data for name in names}


def choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """(value, label) pairs as the options of a select or checkbox list."""
    return [SelectChoice(value, label) for value, label in pairs]
