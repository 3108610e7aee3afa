"""Service: the private link by e-mail, in the language the delegation registered in.

Sent over SMTP by Flask-Mail, configured by ``MATCHER_MAIL_*`` (server, port, TLS, user,
password, sender).
"""

import logging
import smtplib

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Mail, Message
from sqlmodel import Session, func, select

from . import links
from .models import Delegation
from .services.delegations import hash_token, new_token

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


def new_links(delegations: list[Delegation]) -> list[tuple[Delegation, str]]:
    """A fresh private token for each delegation (not committed): only hashes are stored, so a
    lost link cannot be sent again, only replaced; the old one stops working."""
    fresh = []
    for delegation in delegations:
        token = new_token()
        delegation.token_hash = hash_token(token)
        fresh.append((delegation, token))
    return fresh


def link_message(delegation: Delegation, token: str) -> Message:
    """The e-mail that carries a delegation's private link, in its registered language."""
    with force_locale(delegation.locale):
        link = links.absolute_link("delegate.private_page", token=token)
        return Message(
            subject=_("Your private link to G60 Match: %(name)s", name=delegation.name),
            recipients=[delegation.contact_email],
            body=render_template("mail/private_link.txt", delegation=delegation, link=link),
        )


def send_private_links(delegations: list[tuple[Delegation, str]]) -> bool:
    """Send each delegation its link (with its token); False when the mail server could not
    take them."""
    if not delegations:
        return True
    try:
        with mail.connect() as connection:
            for delegation, token in delegations:
                connection.send(link_message(delegation, token))
    except (smtplib.SMTPException, OSError) as error:
        log.error("private link not sent: %s", error)
        return False
    return True
