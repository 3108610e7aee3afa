"""The public pages: home, directory search, profiles, health check, errors."""

import re

import sqlalchemy as sa
from sqlmodel import select

from matcher.db import get_engine
from matcher.models import Organisation

from .sample_directory import RECORDS


def organisation_id(session, name: str) -> int:
    return session.exec(select(Organisation.id).where(Organisation.name == name)).one()


def test_home_explains_the_service_and_links_the_directory(sample_directory, client):
    page = client.get("/").get_data(as_text=True)
    assert "For delegations" in page and "For coordinators" in page
    assert 'href="/organisations?kind=park"' in page
    assert "Xuancheng" in page


def test_directory_lists_and_searches(sample_directory, client):
    everything = client.get("/organisations").get_data(as_text=True)
    assert f"{len(RECORDS)} organisations found" in everything
    found = client.get("/organisations?q=IGBT").get_data(as_text=True)
    assert "Example Power Chips" in found
    assert "Example Speech Lab" not in found


def test_directory_filters_by_city_kind_and_sector(sample_directory, client):
    hefei = client.get("/organisations?city=hefei").get_data(as_text=True)
    assert "Example Speech Lab" in hefei and "Example Rocket Works" not in hefei
    enclaves = client.get("/organisations?kind=enclave").get_data(as_text=True)
    assert "Example Xuancheng Enclave" in enclaves and "Example Fibre Cables" not in enclaves
    solar = client.get("/organisations?sector=photovoltaics").get_data(as_text=True)
    assert "Example Solar Cells" in solar and "Example Speech Lab" not in solar


def test_directory_paginates(sample_directory, client, app):
    app.config["ORGANISATIONS_PER_PAGE"] = 10
    first = client.get("/organisations").get_data(as_text=True)
    assert "Page 1 of" in first and 'rel="next"' in first
    last = client.get("/organisations?page=99").get_data(as_text=True)
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_unknown_filters_and_odd_input_never_fail(sample_directory, client):
    for query in (
        "?city=atlantis",
        "?kind=castle",
        "?sector=../../etc",
        "?page=-4",
        "?page=abc",
        "?q=" + "%25_" * 80,
        "?q=<script>alert(1)</script>",
    ):
        response = client.get("/organisations" + query)
        assert response.status_code == 200, query
        assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_search_treats_wildcards_literally(sample_directory, client):
    page = client.get("/organisations?q=%25").get_data(as_text=True)
    assert "0 organisations found" in page


def test_profile_shows_public_facts_and_hierarchy(sample_directory, client, session):
    solar = organisation_id(session, "Example Solar Cells")
    page = client.get(f"/organisations/{solar}").get_data(as_text=True)
    assert "Example Solar Cells" in page
    assert "Example Xuancheng Enclave" in page
    # The file the record was drawn from is kept with the data, not shown to visitors.
    assert "example-article.txt" not in page


def test_private_contact_never_reaches_a_public_page(app, client, make_organisation):
    organisation = make_organisation(
        name="Contact Test Park",
        description="A park with photovoltaics.",
        public_contact="visits@park.example",
        private_contact="director-mobile-555-0100",
    )
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "visits@park.example" in page
    assert "director-mobile-555-0100" not in page
    listing = client.get("/organisations?q=Contact").get_data(as_text=True)
    assert "director-mobile-555-0100" not in listing


def test_archived_and_missing_organisations_are_not_found(app, client, make_organisation):
    archived = make_organisation(name="Old Park", archived=True)
    assert client.get(f"/organisations/{archived.id}").status_code == 404
    missing = client.get("/organisations/999999")
    assert missing.status_code == 404
    assert "There is no page at this address" in missing.get_data(as_text=True)


def test_health_check_reports_the_database(sample_directory, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["organisations"] == len(RECORDS)


def test_health_check_says_503_when_the_database_is_gone(app, client):
    get_engine(app).dispose()
    app.extensions["matcher.db"] = sa.create_engine("sqlite:////nonexistent/dir/db.sqlite3")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unavailable"}


def test_unexpected_errors_show_the_500_page(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)


def test_pages_load_no_assets_from_other_sites(sample_directory, client):
    page = client.get("/organisations").get_data(as_text=True)
    assert 'name="viewport"' in page
    for asset in re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', page):
        assert asset.startswith("/static/"), asset
    with client.get("/static/site.css") as stylesheet:
        assert stylesheet.status_code == 200
