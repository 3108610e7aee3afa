"""Commands over the directory: init-db, import, export."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..db import get_engine, session_scope, upgrade_schema
from ..reference import ReferenceDataError
from ..services import directory
from ..services.records import write_csv, write_json


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Migrate the database to the newest schema and load the shipped directory if empty."""
    upgrade_schema(get_engine())
    try:
        with session_scope() as session:
            added = directory.load_shipped_directory(session=session)
    except directory.ImportRefused as exc:
        for error in exc.errors:
            click.secho(error.format(directory.SHIPPED_ORGANISATIONS), fg="red", err=True)
        raise SystemExit(1) from exc
    except ReferenceDataError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise SystemExit(1) from exc
    if added:
        click.echo(f"Database ready; loaded {added} organisations from data/.")
    else:
        click.echo("Database ready; the directory already had organisations, none loaded.")


@click.command("import")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--update", is_flag=True, help="Update organisations that already exist by name.")
def import_command(file: Path, update: bool) -> None:
    """Import organisations from a CSV or JSON file; nothing is written if any row is bad."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        click.secho(f"{file}:1: file: not UTF-8 text", fg="red", err=True)
        raise SystemExit(1) from exc
    try:
        with session_scope() as session:
            saved = directory.import_organisations(
                session=session, text=text, filename=file.name, replace_existing=update
            )
    except directory.ImportRefused as exc:
        for error in exc.errors:
            click.secho(error.format(str(file)), fg="red", err=True)
        click.secho(f"Nothing imported: {len(exc.errors)} error(s).", fg="red", err=True)
        raise SystemExit(1) from exc
    click.echo(f"Imported {len(saved)} organisations from {file}.")


@click.command("export")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--archived", is_flag=True, help="Include archived organisations.")
def export_command(file: Path, archived: bool) -> None:
    """Export the directory to a CSV or JSON file (by extension)."""
    writers = {".csv": write_csv, ".json": write_json}
    writer = writers.get(file.suffix.lower())
    if writer is None:
        click.secho(f"{file}: expected a .csv or .json file name", fg="red", err=True)
        raise SystemExit(1)
    with session_scope() as session:
        records = directory.organisation_records(session=session, include_archived=archived)
    # newline="" keeps the CSV writer's own line endings.
    file.write_text(writer(records), encoding="utf-8", newline="")
    click.echo(f"Exported {len(records)} organisations to {file}.")


COMMANDS = (init_db_command, import_command, export_command)
