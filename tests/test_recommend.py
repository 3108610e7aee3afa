"""The recommend service and the match command, on the real directory."""

import json
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from matcher import create_app
from matcher.db import get_engine, session_scope
from matcher.models import DelegationDetails, InterestDetails, Match, MatchStatus, Organisation
from matcher.services import delegations, recommend
from matcher.services.delegations import hash_token, new_token


def new_delegation(session, seeks: str, sectors=(), **interest):
    arrival = date.today() + timedelta(days=20)
    return delegations.register_delegation(
        session=session,
        details=DelegationDetails(
            name="Test delegation",
            country="UG",
            kind="government",
            contact_name="Ann",
            contact_email="ann@example.org",
            arrival=arrival,
            departure=arrival + timedelta(days=3),
            group_size=5,
            consent_at=datetime.now(UTC),
        ),
        interest=InterestDetails(seeks=seeks, sectors=list(sectors), **interest),
    )


def names(matches) -> list[str]:
    return [m.organisation.name for m in matches]


def test_proposals_are_stored_ranked_and_explained(shipped):
    with session_scope(shipped) as session:
        delegation = new_delegation(
            session, "automotive-grade IGBT chips and power semiconductors", ["integrated-circuits"]
        )
        proposal = recommend.propose_matches(session=session, delegation=delegation, k=5)
        assert names(proposal.matches)[0] == "Starpower Semiconductor"
        assert [m.rank for m in proposal.matches] == list(range(1, len(proposal.matches) + 1))
        top = proposal.matches[0]
        assert top.engine_version == recommend.ENGINE_VERSION
        assert top.band in {"strong", "good", "possible"}
        assert "igbt" in " ".join(top.explanation["terms"]).lower()
        assert top.explanation["fields"]


def test_rerun_keeps_decisions_and_never_brings_back_a_rejection(shipped):
    with session_scope(shipped) as session:
        delegation = new_delegation(session, "photovoltaic modules and solar cells")
        first = recommend.propose_matches(session=session, delegation=delegation, k=6).matches
        accepted, rejected, pinned = first[0], first[1], first[2]
        accepted.status = MatchStatus.accepted
        rejected.status = MatchStatus.rejected
        pinned.pinned = True
        session.flush()
        delegation.interest.seeks = "artificial intelligence speech recognition"
        again = recommend.propose_matches(session=session, delegation=delegation, k=6).matches
        ids = [m.organisation_id for m in again]
        assert accepted.organisation_id in ids and pinned.organisation_id in ids
        assert rejected.organisation_id not in ids
        assert again[0].organisation_id == pinned.organisation_id  # pinned first
        assert "iFlytek" in names(again)
        stored = session.exec(select(Match).where(Match.delegation_id == delegation.id)).all()
        assert any(m.status == MatchStatus.rejected for m in stored)


def test_preferred_cities_raise_partners_without_hiding_strong_ones(shipped):
    with session_scope(shipped) as session:
        delegation = new_delegation(
            session, "aerospace and satellite internet", ["aerospace"], preferred_cities=["huzhou"]
        )
        matches = recommend.propose_matches(session=session, delegation=delegation).matches
        outside = [m for m in matches if m.explanation["outside_preferences"]]
        inside = [m for m in matches if not m.explanation["outside_preferences"]]
        assert [m.organisation.name for m in inside] == ["LandSpace"]
        # Strong space partners elsewhere are still shown, after the preferred one.
        assert "G60 Starlink" in {m.organisation.name for m in outside}
        assert all(m.band == "strong" and m.organisation.city != "huzhou" for m in outside)
        assert [m.rank for m in matches] == sorted(m.rank for m in matches)
        assert max(m.rank for m in inside) < min(m.rank for m in outside)


def test_empty_interest_gives_a_reason_not_an_error(shipped):
    with session_scope(shipped) as session:
        delegation = new_delegation(session, "   🙂🙂 ")
        proposal = recommend.propose_matches(session=session, delegation=delegation)
        assert proposal.matches == []
        assert proposal.reason


def test_every_worker_notices_a_directory_change(shipped, make_organisation):
    """Two apps on one database stand for two gunicorn workers (or two hosts)."""
    other = create_app(
        {"DATABASE_URL": shipped.config["DATABASE_URL"], "SECRET_KEY": "x", "TESTING": True}
    )
    query = "seaweed aquaculture biorefinery"
    with session_scope(other) as session:
        found, _ = recommend.search_directory(session=session, text=query)
        assert "Seaweed Works" not in [r.organisation.name for r in found]
    make_organisation(name="Seaweed Works", description="Seaweed aquaculture and biorefinery.")
    with session_scope(other) as session:
        found, _ = recommend.search_directory(session=session, text=query)
        assert [r.organisation.name for r in found][0] == "Seaweed Works"
    get_engine(other).dispose()


def test_archived_organisations_are_not_recommended(shipped):
    with session_scope(shipped) as session:
        iflytek = session.exec(select(Organisation).where(Organisation.name == "iFlytek")).one()
        iflytek.archived = True
        from matcher.services.directory import bump_directory_version

        bump_directory_version(session=session)
    with session_scope(shipped) as session:
        found, _ = recommend.search_directory(session=session, text="intelligent speech AI")
        assert "iFlytek" not in [r.organisation.name for r in found]


def test_match_command_prints_ranked_reasons(shipped, runner):
    result = runner.invoke(args=["match", "live streaming e-commerce", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert " 1. " in result.output and "5808 Live Streaming Base" in result.output


def test_match_command_json_and_filters(shipped, runner):
    result = runner.invoke(
        args=["match", "photovoltaic", "--json", "--top", "4", "--city", "songjiang"]
    )
    line = json.loads(result.output)
    assert line["id"] is None
    assert 0 < len(line["results"]) <= 4
    first = line["results"][0]
    assert set(first) >= {"name", "kind", "city", "score", "reasons"}
    assert all(r["city"] == "songjiang" for r in line["results"])


def test_match_command_batch(shipped, runner, tmp_path):
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        '{"id": "q1", "text": "IGBT power chips", "top": 2}\n'
        "\n"
        '{"id": "q2", "text": "rocket launch", "kind": "company"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(args=["match", "--queries", str(queries), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2"]
    assert len(lines[0]["results"]) <= 2
    assert lines[1]["results"][0]["name"] == "LandSpace"


def test_match_command_bad_input(shipped, runner, tmp_path):
    unknown = runner.invoke(args=["match", "solar", "--city", "atlantis"])
    assert unknown.exit_code == 1 and "atlantis" in unknown.output
    empty = runner.invoke(args=["match", "   ", "--json"])
    assert empty.exit_code == 0 and json.loads(empty.output)["reason"]
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json}\n", encoding="utf-8")
    result = runner.invoke(args=["match", "--queries", str(broken)])
    assert result.exit_code == 2 and "line 1" in result.output
    assert runner.invoke(args=["match"]).exit_code == 2


def test_delegate_page_explains_matches_in_its_language(shipped, client):
    with session_scope(shipped) as session:
        delegation = new_delegation(session, "光伏 新能源 组件")
        recommend.propose_matches(session=session, delegation=delegation)
        token = new_token()
        delegation.token_hash = hash_token(token)  # only the hash is stored
    page = client.get(f"/d/{token}?lang=zh").get_data(as_text=True)
    assert '<bdi lang="zh">光伏</bdi>' in page  # the shared term, in the page's language
    assert '<bdi lang="en">photovoltaic</bdi>' not in page
    # Huasun's Chinese name
    assert '<p class="name-local" lang="zh" dir="auto">华晟新能源</p>' in page
    assert "主要业务：" in page  # what each organisation does
    ru = client.get(f"/d/{token}?lang=ru").get_data(as_text=True)
    assert '<bdi lang="ru">фотовольтаика</bdi>' in ru


def test_a_short_list_says_why_and_outside_partners_have_their_section(shipped, client):
    with session_scope(shipped) as session:
        delegation = new_delegation(
            session, "aerospace and satellite internet", ["aerospace"], preferred_cities=["huzhou"]
        )
        recommend.propose_matches(session=session, delegation=delegation)
        token = new_token()
        delegation.token_hash = hash_token(token)  # only the hash is stored
    page = client.get(f"/d/{token}?lang=en").get_data(as_text=True)
    assert "Only 1 partner has specific evidence for your interest" in page
    section = page.split('id="outside-preferences"')
    assert len(section) == 2 and "G60 Starlink" in section[1] and "LandSpace" in section[0]
