"""Backups restore into an empty database, old backups through the migrations; contacts purge."""

import json
import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlmodel import Session, func, select

from matcher import create_app
from matcher.db import (
    alembic_config,
    get_engine,
    make_engine,
    schema_is_current,
    session_scope,
    upgrade_schema,
)
from matcher.models import Delegation, Match, MatchStatus, Organisation, Sector, User
from matcher.services import dashboard
from matcher.services.backup import BackupError, dump_database, restore_database
from matcher.services.delegations import delegation_by_token
from matcher.services.purge import purge_contacts

from .conftest import accept_meet_and_plan


@pytest.fixture
def make_empty_engine(database_url, tmp_path):
    """Another empty database of the same kind: an SQLite file or a fresh PostgreSQL schema."""
    engines, schemas = [], []
    admin = None if database_url.startswith("sqlite") else sa.create_engine(database_url)

    def make() -> sa.Engine:
        if admin is None:
            url = f"sqlite:///{tmp_path / f'restored-{len(engines)}.sqlite3'}"
        else:
            # Generated from hex digits, never from input, as in conftest.py.
            schema = f"test_{uuid.uuid4().hex[:16]}"
            with admin.begin() as connection:
                connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            schemas.append(schema)
            options = {"options": f"-csearch_path={schema}"}
            url = sa.make_url(os.environ["MATCHER_TEST_DATABASE_URL"]).update_query_dict(options)
            url = url.render_as_string(hide_password=False)
        engines.append(make_engine(url))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()
    if admin is not None:
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def populated(app, sample_directory, make_delegation, make_user):
    """Two delegations with matches, a decision, an outcome and a drafted itinerary."""
    email = make_user()
    cairo = make_delegation()
    nairobi = make_delegation(
        country="KE", name="Nairobi Trade Mission", seeks="agricultural machinery and drones"
    )
    with session_scope(app) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        accept_meet_and_plan(session, delegation=session.get(Delegation, cairo), user=user)
        # A park listed after its company: restore must link rows of one table in any order.
        first, last = session.exec(
            select(func.min(Organisation.id), func.max(Organisation.id))
        ).one()
        session.get(Organisation, first).parent_id = last
    return {"app": app, "cairo": cairo, "nairobi": nairobi, "tokens": make_delegation.tokens}


def dump(engine: sa.Engine) -> dict:
    with engine.connect() as connection:
        return dump_database(connection=connection)


def same_data(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "created_at"}


def test_backup_restores_into_an_empty_database_unchanged(populated, make_empty_engine):
    source = get_engine(populated["app"])
    document = json.loads(json.dumps(dump(source)))
    assert document["format"] == "g60-match-backup"
    assert document["version"] == 1
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert document["schema_revision"] == head
    assert datetime.fromisoformat(document["created_at"]).tzinfo is not None
    assert {"organisation", "delegation", "match", "account", "outcome", "itinerary"} <= set(
        document["tables"]
    )
    assert "alembic_version" not in document["tables"]
    assert document["tables"]["scheduled_visit"] and document["tables"]["match_event"]

    target = make_empty_engine()
    counts = restore_database(engine=target, document=document)

    assert counts["delegation"] == 2
    assert counts["outcome"] == 1
    assert counts["organisation"] == len(document["tables"]["organisation"])
    assert schema_is_current(target)
    assert same_data(dump(target)) == same_data(document)
    with Session(target) as session:
        # New rows get ids after the restored ones (PostgreSQL sequences were moved on).
        sector = Sector(slug="restored-later", labels={"en": "Later"})
        session.add(sector)
        session.commit()
        assert sector.id > max(row["id"] for row in document["tables"]["sector"])
        kept = session.get(Delegation, populated["cairo"])
        assert kept.contact_email == "amina@chamber.example"
        assert kept.consent_at.tzinfo is not None or target.dialect.name == "sqlite"


def test_restore_refuses_a_database_that_holds_data(populated, make_empty_engine):
    document = dump(get_engine(populated["app"]))
    target = make_empty_engine()
    upgrade_schema(target)
    with Session(target) as session:
        session.add(Sector(slug="already-here", labels={"en": "Already here"}))
        session.commit()

    with pytest.raises(BackupError, match="already holds data"):
        restore_database(engine=target, document=document)

    with Session(target) as session:
        assert session.exec(select(func.count()).select_from(Sector)).one() == 1
        assert session.exec(select(func.count()).select_from(Delegation)).one() == 0


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"format": "other-backup"}, "Not a G60 Match backup"),
        ({"version": 2}, "version"),
        ({"schema_revision": "9999"}, "unknown to these migrations"),
        ({"tables": {"delegation": "not rows"}}, "not lists of rows"),
    ],
)
def test_restore_refuses_other_documents(make_empty_engine, change, reason):
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    document = {"format": "g60-match-backup", "version": 1, "schema_revision": head}
    document |= {"tables": {"sector": [{"id": 1, "slug": "drones", "labels": {}}]}} | change
    target = make_empty_engine()
    with pytest.raises(BackupError, match=reason):
        restore_database(engine=target, document=document)
    assert sa.inspect(target).get_table_names() == []


def test_a_failed_restore_writes_nothing(populated, make_empty_engine):
    document = dump(get_engine(populated["app"]))
    delegations = document["tables"]["delegation"]
    # The same private token twice breaks a unique constraint half-way through.
    delegations[1]["token"] = delegations[0]["token"]
    target = make_empty_engine()
    with pytest.raises(BackupError, match="nothing was written") as refused:
        restore_database(engine=target, document=document)
    assert sa.inspect(target).get_table_names() == []
    assert "amina@chamber.example" not in str(refused.value)
    assert delegations[0]["token"] not in str(refused.value)


NOW = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
TEXTS = ("name_local", "district", "description", "offers", "seeks", "home_city", "address")
MORE_TEXTS = ("visiting_hours", "website", "public_contact", "private_contact", "source")
ORGANISATION = dict.fromkeys(TEXTS + MORE_TEXTS, "") | {
    "city": "songjiang", "languages": [], "archived": False, "created_at": NOW, "updated_at": NOW
}  # fmt: skip
LIMA = {"id": 7, "token": "t" * 43, "name": "Lima Chamber", "country": "PE", "kind": "chamber",
        "contact_name": "Ana", "contact_email": "ana@lima.example", "contact_phone": "",
        "languages": ["es"], "locale": "es", "arrival": date(2026, 12, 1),
        "departure": date(2026, 12, 3), "group_size": 5, "status": "new", "consent_at": NOW,
        "created_at": NOW, "updated_at": NOW}  # fmt: skip
ACCEPTED = {"id": 3, "delegation_id": 7, "organisation_id": 1, "score": 0.5, "rank": 1,
            "band": "good", "explanation": {"terms": ["drone"]}, "engine_version": "1",
            "status": "accepted", "pinned": False, "added_by_coordinator": False, "note": "",
            "reject_reason": "", "created_at": NOW, "updated_at": NOW}  # fmt: skip


def test_an_old_backup_restores_through_the_migrations(app, make_empty_engine):
    old = make_empty_engine()
    upgrade_schema(old, "0002")
    tables = sa.MetaData()
    tables.reflect(bind=old)
    rows = {
        "sector": [{"id": 1, "slug": "drones", "labels": {}}],
        "organisation": [
            ORGANISATION | {"id": 1, "name": "Drone Co", "kind": "company"},
            ORGANISATION | {"id": 2, "name": "Drone Park", "kind": "park"},
        ],
        "delegation": [LIMA],
        "match": [ACCEPTED],
    }
    with old.begin() as connection:
        for name, values in rows.items():
            connection.execute(tables.tables[name].insert(), values)
        organisation = tables.tables["organisation"]
        connection.execute(organisation.update().where(organisation.c.id == 1).values(parent_id=2))
    document = json.loads(json.dumps(dump(old)))
    assert document["schema_revision"] == "0002"
    assert "account" not in document["tables"]

    # An empty database already at head is taken back first: empty, it loses nothing.
    target = make_empty_engine()
    upgrade_schema(target)
    counts = restore_database(engine=target, document=document)

    assert counts["delegation"] == 1 and counts["match"] == 1 and "account" not in counts
    assert schema_is_current(target)
    with Session(target) as session:
        match = session.get(Match, 3)
        assert match.revision == 1 and match.status == MatchStatus.accepted
        assert match.delegation.contact_email == "ana@lima.example"
        assert session.get(Organisation, 1).parent_id == 2
        consent_at = session.get(Delegation, 7).consent_at
        assert consent_at.replace(tzinfo=consent_at.tzinfo or UTC) == NOW
        # The link handed out before links were stored as hashes still opens the page.
        assert delegation_by_token(session=session, token="t" * 43).id == 7


def test_purge_erases_contacts_of_past_delegations_only(populated):
    app = populated["app"]
    with session_scope(app) as session:
        past = session.get(Delegation, populated["cairo"])
        past.arrival = date.today() - timedelta(days=40)
        past.departure = date.today() - timedelta(days=37)
        past.contact_phone = "+20 100 000 0000"
        old_hash = past.token_hash

    with Session(get_engine(app)) as session:
        before = statistics(session)
        assert purge_contacts(session=session, before=date.today()) == 1
        session.commit()

    with Session(get_engine(app)) as session:
        past = session.get(Delegation, populated["cairo"])
        assert (past.contact_name, past.contact_email, past.contact_phone) == ("", "", "")
        assert past.token_hash != old_hash
        old_token = populated["tokens"][populated["cairo"]]
        assert delegation_by_token(session=session, token=old_token) is None
        assert (past.country, past.group_size, past.interest.seeks) == (
            "EG",
            10,
            "cross-border e-commerce and live streaming",
        )
        coming = session.get(Delegation, populated["nairobi"])
        assert coming.contact_email == "amina@chamber.example"
        assert statistics(session) == before
        assert purge_contacts(session=session, before=date.today()) == 0
        with pytest.raises(ValueError, match="later than today"):
            purge_contacts(session=session, before=date.today() + timedelta(days=1))


def statistics(session: Session) -> tuple:
    return (
        dashboard.delegations_by_country(session=session),
        dashboard.acceptance(session=session),
        dashboard.outcome_counts(session=session),
        session.exec(select(func.count()).select_from(Match)).one(),
    )


def test_backup_and_restore_commands(sample_directory, runner, tmp_path):
    """The commands round-trip the whole database and refuse a non-empty target."""
    path = tmp_path / "backup.json"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "g60-match-backup"
    refused = runner.invoke(args=["restore", str(path)])
    assert refused.exit_code == 1 and "Nothing restored" in refused.output

    other = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "SECRET_KEY": "x"}
    )
    restored = other.test_cli_runner().invoke(args=["restore", str(path)])
    assert restored.exit_code == 0, restored.output
    again = tmp_path / "again.json"
    assert other.test_cli_runner().invoke(args=["backup", str(again)]).exit_code == 0
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (path, again))

    def without_times(rows):
        # A PostgreSQL backup restored into SQLite keeps the instants but not their offsets.
        return [{k: v for k, v in row.items() if not k.endswith("_at")} for row in rows]

    assert without_times(first["tables"]["organisation"]) == without_times(
        second["tables"]["organisation"]
    )
    get_engine(other).dispose()


def test_purge_contacts_command(sample_directory, runner):
    future = runner.invoke(args=["purge-contacts", "--before", "2999-01-01"])
    assert future.exit_code == 1
    assert runner.invoke(args=["purge-contacts", "--before", "2020-01-01"]).exit_code == 0


def test_the_backup_file_is_readable_by_its_owner_only_and_written_whole(
    sample_directory, runner, tmp_path
):
    path = tmp_path / "backup.json"
    path.write_text("the previous backup", encoding="utf-8")
    path.chmod(0o644)
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_mode & 0o777 == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "g60-match-backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("table", "change", "reason"),
    [
        ("organisation", {"kind": "spaceship"}, "organisation row 1: kind is not one of"),
        ("organisation", {"name": "Drone\x00Co"}, "organisation row 1: name contains a NUL"),
        ("organisation", {"name": "Drone\x07Co"}, "organisation row 1: name holds a control"),
        # The record's own rules, as the API and the import apply them:
        ("organisation", {"city": "atlantis"}, "organisation row 1: city is not one of"),
        ("organisation", {"latitude": 95.0}, "organisation row 1: latitude is out of range"),
        ("organisation", {"website": "javascript:x"}, "organisation row 1: website String should"),
        ("delegation", {"contact_email": "ana-at-lima"}, "delegation row 1: contact_email is not"),
        ("delegation", {"country": "XX"}, "delegation row 1: country "),
        ("delegation", {"group_size": 0}, "delegation row 1: group_size is out of range"),
        ("delegation", {"languages": ["es", "tlh"]}, "delegation row 1: languages "),
        ("match", {"organisation_id": 99}, "match row 1: organisation_id points at no"),
        ("match", {"revision": 2**31}, "match row 1: revision is out of range"),
        ("delegation", {"contact_email": "a" * 300}, "delegation row 1: contact_email is "),
        # Every other table through its own model too (JSON shapes no column type checks):
        ("match", {"explanation": "no mapping"}, "match row 1: explanation is not of its kind"),
        ("sector", {"labels": ["drones"]}, "sector row 1: labels is not of its kind"),
        ("match", {"pinned": "perhaps"}, "match row 1: pinned is not of its kind"),
    ],
)
def test_restore_checks_every_row_before_writing(app, make_empty_engine, table, change, reason):
    """Invalid rows are named by table, row and column, without their values; nothing written."""
    source = make_empty_engine()
    upgrade_schema(source)
    tables = sa.MetaData()
    tables.reflect(bind=source)
    with source.begin() as connection:
        connection.execute(
            tables.tables["sector"].insert(), {"id": 1, "slug": "drones", "labels": {}}
        )
        connection.execute(
            tables.tables["organisation"].insert(),
            ORGANISATION | {"id": 1, "name": "Drone Co", "kind": "company"},
        )
        connection.execute(tables.tables["delegation"].insert(), LIMA)
        connection.execute(tables.tables["match"].insert(), ACCEPTED)
    document = json.loads(json.dumps(dump(source)))
    document["tables"][table][0].update(change)
    target = make_empty_engine()
    with pytest.raises(BackupError, match=reason) as refused:
        restore_database(engine=target, document=document)
    message = str(refused.value)
    assert "ana@lima.example" not in message and "t" * 43 not in message
    assert not any(str(value) in message for value in change.values() if value != 0)
    assert sa.inspect(target).get_table_names() == []


def test_a_delegation_whose_contact_was_purged_restores(app, make_empty_engine):
    """The purge leaves the contact fields empty: that row is valid, not a broken record."""
    source = make_empty_engine()
    upgrade_schema(source)
    tables = sa.MetaData()
    tables.reflect(bind=source)
    erased = LIMA | {"contact_name": "", "contact_email": "", "contact_phone": ""}
    with source.begin() as connection:
        connection.execute(tables.tables["delegation"].insert(), erased)
    target = make_empty_engine()
    counts = restore_database(engine=target, document=json.loads(json.dumps(dump(source))))
    assert counts["delegation"] == 1
    with Session(target) as session:
        assert session.get(Delegation, 7).contact_email == ""
