"""The planner's reasons and notes read in the coordinator's language on the itinerary page."""

import pytest

from matcher.db import session_scope
from matcher.forms.itinerary import trip_dates
from matcher.models import Delegation
from matcher.planning.calendar import WorkingCalendar
from matcher.planning.said import City, Said, render, said_from_data

from .test_itinerary import post

ENGLISH_NOTES = ("No visiting hours on record", "Night of ", "hotel in ", "Public holiday")


def test_a_sentence_keeps_its_id_and_values_through_storage():
    said = Said(
        "%(city)s is %(how)s from the %(base)s hotel",
        city=City("hefei"),
        how=Said("%(minutes)s min", minutes=45),
        base=City("songjiang"),
    )
    assert said == "Hefei is 45 min from the Songjiang hotel"
    back = said_from_data(said.as_data(), "ignored")
    assert back == said and back.as_data() == said.as_data()
    catalogue = {"%(minutes)s min": "%(minutes)s 分钟"}
    shown = render(said.as_data(), lambda text: catalogue.get(text, text), str.upper)
    assert shown == "HEFEI is 45 分钟 from the SONGJIANG hotel"
    assert said_from_data(None, "plain text") == "plain text"


@pytest.mark.parametrize(
    ("language", "hours_note"),
    [
        ("zh", "没有登记参访时间"),
        ("fr", "Aucun horaire de visite connu"),
        ("ru", "нет часов приёма"),
    ],
)
def test_the_planners_notes_are_in_the_coordinators_language(
    coordinator, client, make_planned, shipped, language, hours_note
):
    delegation_id, _ = make_planned(count=4)
    page = client.get(
        f"/coordinator/delegations/{delegation_id}/itinerary?lang={language}"
    ).get_data(as_text=True)
    assert hours_note in page
    for english in ENGLISH_NOTES:
        assert english not in page, english


def test_a_refused_lock_says_why_in_chinese(coordinator, client, make_planned, shipped):
    delegation_id, accepted = make_planned(days=7)  # a week always holds a weekend day
    page = f"/coordinator/delegations/{delegation_id}/itinerary?lang=zh"
    with session_scope(shipped) as session:
        delegation = session.get(Delegation, delegation_id)
        closed = next(d for d in trip_dates(delegation) if not WorkingCalendar().working(d))
    response = post(client, page.replace("?lang=zh", "/move"), page, {
        "organisation_id": accepted[0], "day": closed.isoformat(), "start": "10:00",
    })  # fmt: skip
    text = response.get_data(as_text=True)
    assert "锁定被拒绝" in text and "开放时间" in text
    assert "Lock refused" not in text
