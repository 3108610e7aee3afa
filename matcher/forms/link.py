"""Forms that send a delegation its private link again."""

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField
from wtforms.validators import DataRequired, Email, Length

from . import Form


class LinkRequestForm(Form):
    """The e-mail address a delegation registered with."""

    email = EmailField(
        _l("The e-mail address you registered with"),
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )


class SendLinkForm(Form):
    """Send this page's link to the delegation's address (a button)."""


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class SubmissionKeyField(HiddenField):
    """A one-time key drawn when the form is shown: the same form sent twice is one request."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, default=new_submission_key, **kwargs)
