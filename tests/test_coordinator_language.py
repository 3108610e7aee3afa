"""Coordinators read their whole area in their own language, remembered on their account."""

import pytest
from sqlmodel import select

from matcher.db import session_scope
from matcher.exports.headings import heading
from matcher.models import Delegation, Match, MatchStatus, User
from matcher.services import itinerary
from matcher.services.itinerary_context import export_context

from .conftest import accept_top

COORDINATOR_PAGES = [
    "/coordinator/",
    "/coordinator/organisations",
    "/coordinator/organisations/new",
    "/coordinator/organisations/import",
    "/coordinator/dashboard",
]


def test_the_coordinator_area_reads_in_chinese(sample_coordinator, client, make_delegation):
    delegation_id = make_delegation(country="EG")
    queue = client.get("/coordinator/?lang=zh").get_data(as_text=True)
    assert '<html lang="zh"' in queue
    assert "代表团" in queue and "筛选" in queue and "埃及" in queue
    assert "Delegations</h1>" not in queue and "Egypt" not in queue
    review = client.get(f"/coordinator/delegations/{delegation_id}").get_data(as_text=True)
    assert "推荐的合作方" in review and "重新匹配" in review and "历史记录" in review
    assert "Suggested partners" not in review and "Re-run matching" not in review
    # The delegation's own words stay as written, isolated from the text around them.
    assert "<bdi>Cairo Chamber of Commerce</bdi>" in review
    dashboard = client.get("/coordinator/dashboard").get_data(as_text=True)
    assert "按国家统计的代表团" in dashboard and "Delegations by country" not in dashboard


@pytest.mark.parametrize("language", ["zh", "fr", "es", "ar", "ru"])
def test_every_coordinator_page_leaves_english_behind(sample_coordinator, client, language):
    client.get(f"/coordinator/?lang={language}")
    for url in COORDINATOR_PAGES:
        page = client.get(url).get_data(as_text=True)
        assert f'<html lang="{language}"' in page, url
        for english in ("Directory upkeep", "Sign out", "Delegations</a>", "Dashboard</a>"):
            assert english not in page, (url, english)


def test_a_switch_is_kept_on_the_account(sample_coordinator, client, login, app, session):
    client.get("/coordinator/?lang=zh-CN")
    assert session.exec(select(User).where(User.email == sample_coordinator)).one().language == "zh"
    # A new browser with another language: the account's choice wins once signed in.
    other = app.test_client()
    login(sample_coordinator, who=other)
    page = other.get("/coordinator/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="zh"' in page


def test_flash_messages_follow_the_coordinator(
    sample_coordinator, client, make_delegation, sample_directory
):
    delegation_id = make_delegation()
    client.get("/coordinator/?lang=fr")
    page = f"/coordinator/delegations/{delegation_id}"
    from .conftest import CSRF_FIELD

    token = CSRF_FIELD.search(client.get(page).get_data(as_text=True)).group(1)
    done = client.post(f"{page}/rerun", data={"csrf_token": token}, follow_redirects=True).get_data(
        as_text=True
    )
    assert "vos décisions sont conservées" in done


def test_the_route_map_follows_the_coordinator_not_the_delegation(
    sample_coordinator, client, make_delegation, sample_directory
):
    delegation_id = make_delegation()
    with session_scope(sample_directory) as scoped:
        scoped.get(Delegation, delegation_id).locale = "ar"
    accept_top(sample_directory, delegation_id)
    with session_scope(sample_directory) as scoped:
        itinerary.plan_visits(session=scoped, delegation=scoped.get(Delegation, delegation_id))
    client.get("/coordinator/?lang=zh")
    page = client.get(f"/coordinator/delegations/{delegation_id}/itinerary").get_data(as_text=True)
    assert "路线图" in page and "第1天" in page
    assert heading("route_map", "ar") not in page
    # The files the delegation receives stay in the delegation's language.
    svg = client.get(f"/coordinator/delegations/{delegation_id}/itinerary.svg").get_data(
        as_text=True
    )
    assert heading("route_map", "ar") in svg


def test_export_headings_come_from_the_catalogues():
    assert heading("title", "zh") == "访问日程"
    assert heading("day", "ru", n=2) == "День 2"
    assert heading("night", "fr", city="Hefei") == "Nuit à Hefei"
    assert heading("title", "xx") == "Visit programme"


def test_history_lines_are_translated(sample_coordinator, client, make_delegation, app):
    delegation_id = make_delegation()
    with session_scope(app) as session:
        match = session.exec(select(Match).where(Match.delegation_id == delegation_id)).first()
        match_id, revision = match.id, match.revision
    page = f"/coordinator/delegations/{delegation_id}"
    from .conftest import CSRF_FIELD

    token = CSRF_FIELD.search(client.get(page).get_data(as_text=True)).group(1)
    client.post(
        f"{page}/matches/{match_id}",
        data={"action": "accept", "revision": revision, "csrf_token": token},
    )
    history = client.get(f"{page}?lang=zh").get_data(as_text=True)
    assert "接受了" in history and "状态：推荐中 → 已接受" in history
    with session_scope(app) as session:
        assert session.get(Match, match_id).status == MatchStatus.accepted


def test_a_refusal_names_the_organisation_in_the_coordinators_language(
    sample_coordinator, client, make_delegation, app
):
    delegation_id = make_delegation()
    with session_scope(app) as session:
        match = session.exec(select(Match).where(Match.delegation_id == delegation_id)).first()
        organisation_id = match.organisation_id
    page = f"/coordinator/delegations/{delegation_id}"
    from .conftest import CSRF_FIELD

    client.get(f"{page}?lang=ru")
    token = CSRF_FIELD.search(client.get(page).get_data(as_text=True)).group(1)
    answer = client.post(
        f"{page}/partners",
        data={"organisation_id": organisation_id, "csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "уже в списке." in answer and "already on the list" not in answer


def test_the_organisation_form_keeps_what_was_typed_when_switching(sample_coordinator, client):
    from .conftest import CSRF_FIELD

    page = client.get("/coordinator/organisations/new").get_data(as_text=True)
    assert 'form="organisation-form" name="switch_language" value="zh"' in page
    answer = client.post(
        "/coordinator/organisations/new",
        data={
            "name": "Songjiang Test Park",
            "kind": "park",
            "city": "songjiang",
            "csrf_token": CSRF_FIELD.search(page).group(1),
            "switch_language": "zh",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert '<html lang="zh"' in answer and 'value="Songjiang Test Park"' in answer
    assert 'class="error"' not in answer


def test_import_row_errors_read_in_the_coordinators_language(sample_administrator, client):
    import io

    from .conftest import CSRF_FIELD

    url = "/coordinator/organisations/import?lang=fr"
    content = "name,kind,city,sectors\nBad Co,company,atlantis,photovoltaics\nBad Co,lab,hefei,\n"
    page = client.post(
        url,
        data={
            "file": (io.BytesIO(content.encode()), "parks.csv"),
            "csrf_token": CSRF_FIELD.search(client.get(url).get_data(as_text=True)).group(1),
        },
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "<bdi>ville inconnue &#39;atlantis&#39;</bdi>" in page
    assert "<bdi>doublon de la ligne 2</bdi>" in page
    assert "unknown city" not in page and "duplicate of line" not in page


def test_the_spreadsheet_headings_are_in_the_delegations_language(
    sample_coordinator, client, make_planned, sample_directory
):
    import csv
    import io

    delegation_id, _ = make_planned()
    url = f"/coordinator/delegations/{delegation_id}/itinerary.csv"
    english = client.get(url).get_data(as_text=True).lstrip("\ufeff")
    assert english.startswith("day,date,kind,start,end,city,organisation")
    with session_scope(sample_directory) as scoped:
        scoped.get(Delegation, delegation_id).locale = "fr"
    rows = list(csv.reader(io.StringIO(client.get(url).get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:7] == ["jour", "date", "type", "début", "fin", "ville", "organisation"]
    assert "interprète" in rows[0] and "code de la langue d’interprétation" in rows[0]
    assert len({len(row) for row in rows}) == 1  # one table


def test_visiting_hours_and_moves_in_a_reason_read_in_the_readers_language():
    from pathlib import Path

    from babel.support import Translations

    from matcher.planning.calendar import parse_opening_hours
    from matcher.planning.said import N_, Said, render, said_from_data

    zh = Translations.load(Path(__file__).parents[1] / "matcher/translations", ["zh"])
    hours = parse_opening_hours("Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00; holidays")
    assert str(hours.said()) == hours.describe()  # the English sentence is unchanged
    reason = Said(N_("outside %(host)s's opening hours (%(hours)s)"), host="X", hours=hours.said())
    stored = said_from_data(reason.as_data(), str(reason)).as_data()  # kept in a stored plan
    said = render(stored, zh.gettext, str)
    assert said == (
        "不在 X 的开放时间内（周一至周五 09:00-12:00, 13:30-17:00; 周六 09:00-12:00；节假日开放）"
    )
    assert "Mon" not in said and "Sat" not in said and "holidays" not in said


def test_a_visit_moved_for_another_delegation_says_so_in_the_coordinators_language(
    sample_coordinator, client, make_delegation, sample_directory
):
    import copy

    from matcher.exports import plan_from_dict, plan_to_dict
    from matcher.planning.said import N_, Said

    delegation_id = make_delegation()
    accept_top(sample_directory, delegation_id)
    moved = Said(
        N_("moved to %(time)s: %(host)s hosts another delegation %(start)s–%(end)s"),
        time="16:00", host="Example Park", start="09:00", end="16:00",
    )  # fmt: skip
    with session_scope(sample_directory) as scoped:
        delegation = scoped.get(Delegation, delegation_id)
        planned = itinerary.plan_visits(session=scoped, delegation=delegation)
        # Stored as the planner's sentence, read back and stored again by the plan document.
        document = copy.deepcopy(planned.plan)
        visit = next(i for d in document["days"] for i in d["items"] if i["type"] == "visit")
        visit.update(moved_reason=str(moved), moved_reason_said=moved.as_data())
        context = export_context(planned, delegation)
        planned.plan = plan_to_dict(plan_from_dict(document), context)
    client.get("/coordinator/?lang=zh")
    page = client.get(f"/coordinator/delegations/{delegation_id}/itinerary").get_data(as_text=True)
    assert "改至 16:00：Example Park 在 09:00–16:00 接待另一个代表团" in page
    assert "hosts another delegation" not in page


def test_unreadable_visiting_hours_are_refused_in_the_coordinators_language(
    sample_administrator, client
):
    from .conftest import CSRF_FIELD

    page = client.get("/coordinator/organisations/new?lang=zh").get_data(as_text=True)
    data = {"name": "Songjiang Test Park", "kind": "park", "city": "songjiang", "parent": "",
            "home_city": "", "hosts_delegations": "", "sectors": "photovoltaics",
            "visiting_hours": "Mon-Fri nine to five"}  # fmt: skip
    data["csrf_token"] = CSRF_FIELD.search(page).group(1)
    answer = client.post("/coordinator/organisations/new", data=data).get_data(as_text=True)
    assert "“Mon-Fri nine to five”中没有时间" in answer
    assert "No times in" not in answer


def test_error_pages_read_in_the_coordinators_language(sample_coordinator, client):
    client.get("/coordinator/?lang=zh")
    refused = client.get("/coordinator/organisations/import")
    missing = client.get("/coordinator/delegations/999999")
    assert refused.status_code == 403 and missing.status_code == 404
    for answer in (refused, missing):
        page = answer.get_data(as_text=True)
        assert '<html lang="zh"' in page
        assert (
            "Not allowed" not in page
            and "administrator" not in page
            and "Page not found" not in page
        )
