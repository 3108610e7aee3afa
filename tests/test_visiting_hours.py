"""Visiting hours are read where they enter (form, import, API): unreadable ones are refused
with the reason and nothing is saved; readable ones are stored in the form the planner reads."""

from sqlmodel import func, select

from matcher.models import Organisation

from .test_api import bearer
from .test_upkeep import organisation_form, token


def count(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Organisation)).one()


def test_the_form_refuses_unreadable_hours_next_to_the_field(sample_coordinator, client, session):
    url = "/coordinator/organisations/new"
    before = count(session)
    response = client.post(
        url, data=organisation_form(visiting_hours="Mon-Fri 9:00", csrf_token=token(client, url))
    )
    page = response.get_data(as_text=True)
    assert 'id="visiting_hours-error"' in page
    assert "Cannot read the times" in page
    assert count(session) == before


def test_the_form_stores_readable_hours_in_their_canonical_form(
    sample_coordinator, client, session
):
    url = "/coordinator/organisations/new"
    form = organisation_form(
        visiting_hours="周一至周五 9:00-12:00, 13:30-17:00", csrf_token=token(client, url)
    )
    client.post(url, data=form, follow_redirects=True)
    saved = session.exec(select(Organisation).where(Organisation.name == form["name"])).one()
    assert saved.visiting_hours == "Mon-Fri 09:00-12:00, 13:30-17:00"


def test_the_import_names_the_line_and_column_and_writes_nothing(
    sample_directory, runner, session, tmp_path
):
    path = tmp_path / "hours.csv"
    path.write_text(
        "name,kind,city,visiting_hours\n"
        "Good Hours Co,company,hefei,Mon-Fri 09:00-17:00\n"
        "Bad Hours Co,company,hefei,open weekdays\n",
        encoding="utf-8",
    )
    before = count(session)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: visiting_hours: No times in “open weekdays”" in result.output
    assert count(session) == before


def test_the_api_refuses_unreadable_hours_with_a_json_reason(
    sample_directory, client, api_token, session
):
    body = {
        "name": "Api Hours Co",
        "kind": "company",
        "city": "hefei",
        "visiting_hours": "Funday 9-10",
    }
    response = client.post("/api/v1/organisations", json=body, headers=bearer(api_token))
    assert response.status_code == 422
    reasons = response.get_json()
    assert "Cannot read the days “funday”" in str(reasons)
    assert (
        count(session) == 0
        or not session.exec(select(Organisation).where(Organisation.name == "Api Hours Co")).first()
    )
