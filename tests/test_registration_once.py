"""One registration per idempotency key, through the form and the API alike (one service)."""

import re
from datetime import UTC, datetime

from sqlmodel import func, select

from matcher.db import session_scope
from matcher.models import Delegation
from matcher.services import registration

from .conftest import CSRF_FIELD
from .test_api import registration as api_body
from .test_intake import valid_form

SUBMISSION_KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')


def count(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Delegation)).one()


def form_page(client, url: str = "/interest") -> dict:
    page = client.get(url).get_data(as_text=True)
    return {
        "csrf_token": CSRF_FIELD.search(page).group(1),
        "submission_key": SUBMISSION_KEY.search(page).group(1),
        "page": page,
    }


def test_the_same_form_sent_twice_is_one_delegation(shipped, client, session):
    keys = form_page(client)
    data = {
        **valid_form(),
        "csrf_token": keys["csrf_token"],
        "submission_key": keys["submission_key"],
    }
    first = client.post("/interest", data=data)
    again = client.post("/interest", data=data)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert count(session) == 1
    # The delegation keeps only a hash of the key, the one the API's keys are kept as.
    stored = session.exec(select(Delegation)).one().submission_key
    assert stored == registration.stored_key(keys["submission_key"])


def test_the_same_form_with_other_answers_is_refused_with_a_reason(shipped, client, session):
    keys = form_page(client)
    sent = {
        **valid_form(),
        "csrf_token": keys["csrf_token"],
        "submission_key": keys["submission_key"],
    }
    assert client.post("/interest", data=sent).status_code == 303
    changed = {**sent, "group_size": "7"}
    # Another browser (no memory of the first answers) sends the same page with other answers.
    other = client.application.test_client()
    refused = other.post(
        "/interest", data={**changed, "csrf_token": form_page(other)["csrf_token"]}
    )
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "already sent with other answers" in page
    assert 'value="7"' in page  # what was typed is kept
    assert count(session) == 1
    # The page comes back with a fresh key: sending it again registers the other delegation.
    fresh = SUBMISSION_KEY.search(page).group(1)
    assert fresh != keys["submission_key"]
    again = other.post(
        "/interest",
        data={**changed, "submission_key": fresh, "csrf_token": CSRF_FIELD.search(page).group(1)},
    )
    assert again.status_code == 303 and count(session) == 2


def test_switch_language_then_back_and_send_again_is_one_delegation(shipped, client, session):
    keys = form_page(client)
    typed = {
        **valid_form(),
        "csrf_token": keys["csrf_token"],
        "submission_key": keys["submission_key"],
    }
    switched = client.post("/interest", data={**typed, "switch_language": "fr"})
    assert switched.status_code == 303
    draft_page = switched.headers["Location"]
    shown = form_page(client, draft_page)
    assert '<html lang="fr"' in shown["page"] and shown["submission_key"] == keys["submission_key"]
    first = client.post("/interest", data={**typed, "csrf_token": shown["csrf_token"]})
    # Back: the browser loads the draft page again (a GET) and the delegate sends it again.
    back = form_page(client, draft_page)
    assert back["submission_key"] == keys["submission_key"]
    again = client.post("/interest", data={**typed, "csrf_token": back["csrf_token"]})
    assert first.headers["Location"] == again.headers["Location"]
    assert count(session) == 1


def test_the_form_and_the_api_share_one_registration(app, shipped):
    """The same key and answers through either door find the same delegation."""
    from matcher.models import DelegationDetails
    from matcher.views.api.schemas import DelegationCreate

    body = DelegationCreate.model_validate(api_body())
    details = DelegationDetails(
        **body.model_dump(exclude={"interest", "consent"}), consent_at=datetime.now(UTC)
    )
    key = "0f3c2a9e-5d1b-4c7a-8e6f-2b9d4a1c7e30"
    asked = registration.Asked(details=details, interest=body.interest, key=key)
    with session_scope(app) as session:
        first = registration.register_once(session=session, secret="s", asked=asked, matches=5)
        session.flush()
        first_id, first_token = first.delegation.id, first.token
    with session_scope(app) as session:
        again = registration.register_once(session=session, secret="s", asked=asked, matches=5)
        assert again.first is False and again.token == first_token
        assert again.delegation.id == first_id
        other = details.model_copy(update={"group_size": details.group_size + 1})
        try:
            registration.register_once(
                session=session,
                secret="s",
                asked=registration.Asked(details=other, interest=body.interest, key=key),
                matches=5,
            )
        except registration.KeyReused as exc:
            assert "other answers" in str(exc)
        else:
            raise AssertionError("the same key with other answers was accepted")


def test_a_draft_lives_an_hour_and_the_purge_forgets_older_ones(app):
    from datetime import date, timedelta

    from matcher.models import FormDraft
    from matcher.services import drafts
    from matcher.services.purge import purge_contacts

    typed = [("contact_email", ["amina@chamber.example"])]
    earlier = datetime.now(UTC) - timedelta(hours=2)
    with session_scope(app) as session:
        old_key = drafts.save_draft(session=session, fields=typed, now=earlier)
        new_key = drafts.save_draft(session=session, fields=typed, now=earlier)
    with session_scope(app) as session:
        assert drafts.load_draft(session=session, key=old_key) is None  # expired
        assert drafts.load_draft(session=session, key=new_key, now=earlier) == typed
        purge_contacts(session=session, before=date.today())
    with session_scope(app) as session:
        assert session.exec(select(func.count()).select_from(FormDraft)).one() == 0
