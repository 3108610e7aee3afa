"""purge-contacts leaves no trace of the delegate's name, e-mail or phone anywhere."""

import json
from datetime import date, timedelta

from sqlmodel import select

from matcher.db import get_engine, session_scope
from matcher.models import Delegation, User
from matcher.services.backup import dump_database, snapshot

from .conftest import accept_meet_and_plan, decide

TRACES = ("amina", "hassan", "amina@chamber.example", "100 000 0000", "1000000000", "100-000")


def whole_database(app) -> str:
    with snapshot(get_engine(app)) as connection:
        return json.dumps(dump_database(connection=connection), ensure_ascii=False).lower()


def test_purge_erases_the_contact_from_notes_history_outcomes_and_own_words(
    sample_directory, make_delegation, make_user, runner
):
    email = make_user()
    delegation_id = make_delegation()
    with session_scope(sample_directory) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        delegation = session.get(Delegation, delegation_id)
        delegation.contact_phone = "+20 100 000 0000"
        delegation.interest.offers = "Call us on +20-100-000-0000 or write to Amina."
        second = delegation.matches[1]
        first = accept_meet_and_plan(
            session, delegation=delegation, user=user, note="Met Ms Hassan"
        )
        note = "Amina Hassan prefers mornings; phone 0020 100 000 0000"
        decide(session, match=first, user=user, action="note", text=note)
        reason = "HASSAN said amina@chamber.example is the only address"
        decide(session, match=second, user=user, action="reject", text=reason)
    assert all(trace in whole_database(sample_directory) for trace in ("amina", "hassan"))

    with session_scope(sample_directory) as session:
        delegation = session.get(Delegation, delegation_id)
        delegation.arrival = date.today() - timedelta(days=40)
        delegation.departure = date.today() - timedelta(days=37)
    result = runner.invoke(args=["purge-contacts", "--before", date.today().isoformat()])
    assert result.exit_code == 0, result.output

    everything = whole_database(sample_directory)
    assert [trace for trace in TRACES if trace in everything] == []
    assert "prefers mornings" in everything and "[erased]" in everything
