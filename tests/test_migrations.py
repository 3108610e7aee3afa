"""The migrations build exactly the schema the models describe, and run both ways."""

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from matcher.db import alembic_config, get_engine, schema_is_current


def test_migrations_leave_nothing_for_autogenerate(app):
    with get_engine(app).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []
    assert schema_is_current(get_engine(app))


def test_downgrade_to_base_and_upgrade_again(app):
    engine = get_engine(app)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "organisation" not in sa.inspect(engine).get_table_names()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert {"organisation", "delegation", "match"} <= set(sa.inspect(engine).get_table_names())
