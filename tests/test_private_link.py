"""A link nobody loses: shown with a copy button, e-mailed over real SMTP in the delegation's
language, sent again from the home page, and one delegation per form however often it is sent."""

import email
import re
import socket
from email.policy import default as default_policy

import pytest
from sqlmodel import func, select

from matcher.mail import mail
from matcher.models import Delegation

from .conftest import CSRF_FIELD
from .test_intake import valid_form

SUBMISSION_KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')


class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox(app):
    """A real SMTP server on a local port, with the application's mail pointed at it."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    mail.init_app(app)
    yield box
    controller.stop()


def register(client, csrf_token, language="en", **overrides):
    token = csrf_token(f"/interest?lang={language}")
    response = client.post("/interest", data={**valid_form(**overrides), "csrf_token": token})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return response.headers["Location"].rsplit("/", 1)[1]


def count(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Delegation)).one()


def test_the_private_page_shows_its_own_link_with_a_copy_button(
    sample_directory, client, csrf_token
):
    token = register(client, csrf_token)
    page = client.get(f"/d/{token}")
    text = page.get_data(as_text=True)
    assert f'value="http://localhost/d/{token}" readonly' in text
    assert 'data-copy="private-link"' in text and "Copy the link" in text
    assert '<script src="/static/copy-link.js" defer></script>' in text
    assert "<script>" not in text  # the policy forbids inline script
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    with client.get("/static/copy-link.js") as script:
        assert script.status_code == 200 and b"clipboard" in script.data


def test_the_link_is_emailed_in_the_delegations_language(
    sample_directory, client, csrf_token, mailbox
):
    token = register(client, csrf_token, language="fr", contact_email="Amina@Chamber.example")
    page = client.get(f"/d/{token}").get_data(as_text=True)
    form_token = CSRF_FIELD.search(page).group(1)
    sent = client.post(
        f"/d/{token}/send-link", data={"csrf_token": form_token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Le lien part vers" in sent
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    # The address as registered; its domain, which knows no case, is stored in lower case.
    assert message["To"] == "Amina@chamber.example"
    assert message["Subject"] == "Votre lien privé vers G60 Match : Egyptian Chamber of Commerce"
    body = message.get_content()
    assert f"http://localhost/d/{token}" in body and "Bonjour Amina Hassan" in body


def test_the_link_is_sent_again_from_the_home_page(
    sample_directory, client, csrf_token, mailbox, app
):
    token = register(client, csrf_token, language="ru")
    home = app.test_client()
    answers = {}
    for address in ("AMINA@chamber.example", "nobody@nowhere.example"):
        form_token = CSRF_FIELD.search(home.get("/").get_data(as_text=True)).group(1)
        response = home.post("/link", data={"email": address, "csrf_token": form_token})
        assert response.status_code == 200
        answers[address] = response.get_data(as_text=True).replace(address, "ADDRESS")
    # The same answer whether or not the address is known; only the known one gets mail.
    assert answers["AMINA@chamber.example"] == answers["nobody@nowhere.example"]
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["To"] == "amina@chamber.example"
    assert "Ваша личная ссылка" in mailbox.messages[0]["Subject"]
    # Only the link's hash is stored, so a lost link is replaced: the new one opens the page,
    # the old one no longer does.
    body = mailbox.messages[0].get_content()
    fresh = re.search(r"/d/([A-Za-z0-9_-]{43})", body).group(1)
    assert fresh != token
    assert home.get(f"/d/{fresh}").status_code == 200
    assert home.get(f"/d/{token}").status_code == 404


def test_asking_for_the_link_again_is_rate_limited(sample_directory, client, mailbox, app):
    app.config["LINK_RATE_LIMIT"] = "2 per minute"
    codes = []
    for _ in range(3):
        form_token = CSRF_FIELD.search(client.get("/link").get_data(as_text=True)).group(1)
        codes.append(
            client.post(
                "/link", data={"email": "x@example.org", "csrf_token": form_token}
            ).status_code
        )
    assert codes == [200, 200, 429]


def test_a_mail_server_that_is_down_loses_nothing(sample_directory, client, csrf_token, app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    mail.init_app(app)
    token = register(client, csrf_token)
    form_token = CSRF_FIELD.search(client.get(f"/d/{token}").get_data(as_text=True)).group(1)
    page = client.post(
        f"/d/{token}/send-link", data={"csrf_token": form_token}, follow_redirects=True
    )
    assert page.status_code == 200
    assert "could not be sent just now" in page.get_data(as_text=True)


def test_the_private_page_opens_in_the_registered_language(
    sample_directory, client, csrf_token, app
):
    token = register(client, csrf_token, language="ar")
    stranger = app.test_client()  # another device: nothing remembered
    page = stranger.get(f"/d/{token}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    switched = stranger.get(f"/d/{token}?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in switched
    again = stranger.get(f"/d/{token}").get_data(as_text=True)
    assert '<html lang="en"' in again  # the reader's own choice is kept


def test_the_same_form_sent_twice_makes_one_delegation(
    sample_directory, client, csrf_token, session
):
    form_page = client.get("/interest").get_data(as_text=True)
    csrf = CSRF_FIELD.search(form_page).group(1)
    key = CSRF_FIELD.pattern.replace("csrf_token", "submission_key")
    import re

    submission = re.search(
        r'id="submission_key" name="submission_key" type="hidden" value="([^"]+)"', form_page
    ).group(1)
    assert key
    data = {**valid_form(), "csrf_token": csrf, "submission_key": submission}
    first = client.post("/interest", data=data)
    # A double click: the same key again, from another browser session even.
    other = sample_directory.test_client()
    other_csrf = CSRF_FIELD.search(other.get("/interest").get_data(as_text=True)).group(1)
    second = other.post("/interest", data={**data, "csrf_token": other_csrf})
    assert first.headers["Location"] == second.headers["Location"]
    # The back button: the page is drawn again with a new key, the same answers are sent.
    again_page = client.get("/interest").get_data(as_text=True)
    third = client.post(
        "/interest",
        data={**valid_form(), "csrf_token": CSRF_FIELD.search(again_page).group(1)},
    )
    assert third.headers["Location"] == first.headers["Location"]
    assert count(session) == 1
    # Different answers are a different delegation.
    fourth = client.post(
        "/interest",
        data={**valid_form(delegation_name="Another chamber"), "csrf_token": csrf},
    )
    assert fourth.headers["Location"] != first.headers["Location"]
    assert count(session) == 2
