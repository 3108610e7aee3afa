"""Service: the private link by e-mail, in the language the delegation registered in.

Sent over SMTP by Flask-Mail, configured by ``MATCHER_MAIL_*`` (server, port, TLS, user,
password, sender).
"""

import logging
import smtplib

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Mail, Message
from sqlmodel import Session, func, select

from .models import Delegation

mail = Mail()
log = logging.getLogger(__name__)


def delegations_by_email(*, session: Session, email: str) -> list[Delegation]:
    """The delegations whose contact is this address (case does not matter), newest first."""
    address = email.strip().casefold()
    if not address or len(address) > 254:
        return []
    return list(
        session.exec(
            select(Delegation)
            .where(func.lower(Delegation.contact_email) == address)
            .order_by(Delegation.id.desc())
            .limit(10)
        ).all()
    )


def link_message(delegation: Delegation) -> Message:
    """The e-mail that carries a delegation's private link, in its registered language."""
    with force_locale(delegation.locale):
        link = url_for("delegate.private_page", token=delegation.token, _external=True)
        return Message(
            subject=_("Your private link to G60 Match: %(name)s", name=delegation.name),
            recipients=[delegation.contact_email],
            body=render_template("mail/private_link.txt", delegation=delegation, link=link),
        )


def send_private_links(delegations: list[Delegation]) -> bool:
    """Send each delegation its link; False when the mail server could not take them."""
    if not delegations:
        return True
    try:
        with mail.connect() as connection:
            for delegation in delegations:
                connection.send(link_message(delegation))
    except (smtplib.SMTPException, OSError) as error:
        log.error("private link not sent: %s", error)
        return False
    return True
