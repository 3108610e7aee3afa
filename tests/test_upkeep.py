"""Coordinators keep the directory: forms, archive, import with preview, export, dashboard."""

import io
import json
import re

from sqlmodel import func, select

from matcher.models import Organisation

from .conftest import CSRF_FIELD


def token(client, url):
    return CSRF_FIELD.search(client.get(url).get_data(as_text=True)).group(1)


def organisation_form(**overrides):
    form = {
        "name": "Songjiang Robotics Works",
        "kind": "company",
        "city": "songjiang",
        "sectors": ["smart-manufacturing"],
        "description": "Industrial robot arms for electronics assembly.",
        "hosts_delegations": "yes",
        "visit_minutes": "60",
        "private_contact": "+86 21 0000 0000 (front desk)",
    }
    form.update(overrides)
    return form


def count(session):
    session.expire_all()
    return session.exec(select(func.count()).select_from(Organisation)).one()


def test_add_edit_and_archive_an_organisation(sample_administrator, client, session):
    url = "/coordinator/organisations/new"
    form = organisation_form(csrf_token=token(client, url))
    response = client.post(url, data=form, follow_redirects=True)
    assert "Added Songjiang Robotics Works." in response.get_data(as_text=True)
    created = session.exec(
        select(Organisation).where(Organisation.name.like("Songjiang Rob%"))
    ).one()
    assert created.visit_minutes == 60 and created.hosts_delegations is True

    edit = f"/coordinator/organisations/{created.id}/edit"
    assert "Industrial robot arms" in client.get(edit).get_data(as_text=True)
    renamed = organisation_form(name="Songjiang Robotics", csrf_token=token(client, edit))
    client.post(edit, data=renamed)
    session.expire_all()
    assert session.get(Organisation, created.id).name == "Songjiang Robotics"

    public = client.get(f"/organisations/{created.id}").get_data(as_text=True)
    assert "front desk" not in public  # the private contact stays private
    client.post(
        f"/coordinator/organisations/{created.id}/archive",
        data={"csrf_token": token(client, "/coordinator/organisations")},
    )
    assert client.get(f"/organisations/{created.id}").status_code == 404


def test_form_errors_are_shown_next_to_the_field(sample_coordinator, client, session):
    url = "/coordinator/organisations/new"
    before = count(session)
    response = client.post(
        url,
        data=organisation_form(
            name="Example Speech Lab", latitude="95", longitude="10", csrf_token=token(client, url)
        ),
    )
    page = response.get_data(as_text=True)
    assert '<p class="error" id="name-error">already in the directory</p>' in page
    assert '<p class="error" id="latitude-error">must be between -90 and 90</p>' in page
    assert count(session) == before


def test_import_preview_refuses_a_bad_row_and_writes_nothing(sample_administrator, client, session):
    url = "/coordinator/organisations/import"
    content = (
        "name,kind,city,sectors\n"
        "Good New Park,park,hefei,photovoltaics\n"
        "Bad Co,company,atlantis,photovoltaics\n"
    )
    before = count(session)
    response = client.post(
        url,
        data={
            "file": (io.BytesIO(content.encode()), "parks.csv"),
            "csrf_token": token(client, url),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert "1 error: nothing will be imported" in page
    row = "<td>3</td><td><bdi>city</bdi></td><td><bdi>unknown city &#39;atlantis&#39;</bdi></td>"
    assert row in page
    assert "confirm" not in page.split("import-errors")[1]
    assert count(session) == before


def test_import_preview_then_confirm(sample_administrator, client, session):
    url = "/coordinator/organisations/import"
    content = json.dumps(
        {"organisations": [{"name": "Wuhu Robot Park", "kind": "park", "city": "wuhu"}]}
    )
    preview = client.post(
        url,
        data={"file": (io.BytesIO(content.encode()), "new.json"), "csrf_token": token(client, url)},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "1 organisation ready to import." in preview
    before = count(session)
    assert count(session) == before  # the preview wrote nothing
    confirm_token = CSRF_FIELD.search(preview).group(1)
    content_field = re.search(r'id="content" name="content" type="hidden" value="([^"]*)"', preview)
    import html

    response = client.post(
        "/coordinator/organisations/import/confirm",
        data={
            "filename": "new.json",
            "content": html.unescape(content_field.group(1)),
            "csrf_token": confirm_token,
        },
        follow_redirects=True,
    )
    assert "Imported 1 organisation." in response.get_data(as_text=True)
    assert count(session) == before + 1


def test_export_downloads(sample_administrator, client):
    csv_file = client.get("/coordinator/organisations/export.csv")
    assert csv_file.headers["Content-Disposition"] == "attachment; filename=g60-directory.csv"
    assert csv_file.get_data(as_text=True).startswith("name,kind,city")
    document = client.get("/coordinator/organisations/export.json").get_json()
    assert any(r["name"] == "Example Speech Lab" for r in document["organisations"])


def test_dashboard_shows_delegations_gap_acceptance_and_map(
    sample_coordinator, client, make_delegation, session
):
    make_delegation(country="EG")
    make_delegation(
        country="CU", seeks="agricultural food processing", sectors=["agriculture-food"]
    )
    page = client.get("/coordinator/dashboard").get_data(as_text=True)
    assert '<meter class="bar-a"' in page and "Delegations by country" in page
    assert "Egypt" in page and "Cuba" in page
    assert re.search(r'<tr class="gap"><td>Agriculture[^<]*</td><td>1</td><td>0</td>', page)
    assert 'id="acceptance-rate">no decision yet' in page
    photovoltaics = client.get("/coordinator/dashboard?sector=photovoltaics").get_data(as_text=True)
    assert "Example Solar Cells" in photovoltaics
    assert client.get("/coordinator/dashboard?sector=<b>").status_code == 200
