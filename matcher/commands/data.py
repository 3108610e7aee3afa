"""Commands over all data: backup, restore, purge-contacts."""

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..db import get_engine, session_scope
from ..services import backup


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Write every table to FILE as a JSON backup."""
    with get_engine().connect() as connection:
        document = backup.dump_database(connection=connection)
    file.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(f"Backup of revision {document['schema_revision']} written to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(file: Path) -> None:
    """Load a JSON backup into an empty database and migrate it to the newest schema."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        counts = backup.restore_database(engine=get_engine(), document=document)
    except (backup.BackupError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        click.secho(f"Nothing restored: {exc}", fg="red", err=True)
        raise SystemExit(1) from exc
    click.echo(f"Restored {sum(counts.values())} rows into {len(counts)} tables.")


@click.command("purge-contacts")
@click.option("--before", required=True, type=click.DateTime(formats=["%Y-%m-%d"]))
@with_appcontext
def purge_contacts_command(before) -> None:
    """Erase the contact details of delegations that left before DATE (YYYY-MM-DD)."""
    try:
        with session_scope() as session:
            purged = backup.purge_contacts(session=session, before=before.date())
    except ValueError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise SystemExit(1) from exc
    click.echo(f"Contact details erased for {purged} delegations.")


COMMANDS = (backup_command, restore_command, purge_contacts_command)
