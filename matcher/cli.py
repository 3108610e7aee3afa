"""Commands: ``flask --app wsgi init-db | import FILE | export FILE | match TEXT``."""

import json
import os
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from . import accounts, directory, itinerary, recommend
from .db import get_engine, session_scope
from .models import Delegation
from .records import write_csv, write_json
from .reference import ReferenceDataError
from .schema import upgrade_schema


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


PASSWORD_VARIABLE = "MATCHER_USER_PASSWORD"


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["coordinator", "admin"]), default="coordinator", show_default=True
)
@with_appcontext
def create_user_command(email: str, role: str) -> None:
    """Create a coordinator or admin account; the password is asked for, or read from
    MATCHER_USER_PASSWORD for scripts."""
    password = os.environ.get(PASSWORD_VARIABLE) or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        with session_scope() as session:
            user = accounts.create_user(session=session, email=email, password=password, role=role)
            created = f"Created {user.role.value} account {user.email}."
    except accounts.AccountError as exc:
        click.secho(f"Not created: {exc}.", fg="red", err=True)
        raise SystemExit(1) from exc
    click.echo(created)


@click.command("export-itinerary")
@click.argument("delegation_id", type=int)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["ics", "csv", "pdf", "json", "svg"]),
    required=True,
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout.")
@click.option(
    "--draft", is_flag=True, help="The coordinators' draft instead of the published plan."
)
@with_appcontext
def export_itinerary_command(delegation_id: int, file_format: str, output, draft: bool) -> None:
    """Export a delegation's published itinerary (or its draft) as ics, csv, pdf, json or svg."""
    with session_scope() as session:
        delegation = session.get(Delegation, delegation_id)
        if delegation is None:
            raise click.BadParameter(f"no delegation {delegation_id}", param_hint="DELEGATION_ID")
        found = itinerary.itinerary_for(session=session, delegation=delegation)
        stored = itinerary.draft(found) if draft else itinerary.published(found)
        if stored is None:
            click.secho(
                "Nothing to export: the itinerary is not "
                + ("planned" if draft else "published (use --draft for the draft)")
                + " yet.",
                fg="red",
                err=True,
            )
            raise SystemExit(1)
        content, _, name = itinerary.itinerary_file(
            itinerary=found, delegation=delegation, stored=stored, file_format=file_format
        )
    if output is None:
        click.get_binary_stream("stdout").write(content)
    else:
        output.write_bytes(content)
        click.echo(f"Wrote {output} ({name}).", err=True)


def init_app(app: Flask) -> None:
    for command in (
        init_db_command,
        import_command,
        export_command,
        match_command,
        create_user_command,
        export_itinerary_command,
    ):
        app.cli.add_command(command)


@click.command("match")
@click.argument("text", required=False)
@click.option("--top", "top", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--kind", help="Only this kind of organisation (park, enclave, company, ...).")
@click.option("--city", help="Only this city (slug from data/cities.json).")
@click.option("--sector", help="Only organisations in this sector (slug).")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per query.")
@click.option(
    "--queries",
    type=click.File("r", encoding="utf-8"),
    help='JSON Lines file: {"id", "text", optional "top", "kind", "city", "sector"} a line.',
)
@with_appcontext
def match_command(text, top, kind, city, sector, as_json, queries) -> None:
    """Recommend organisations for free text, or for every query of a JSON Lines file."""
    if (text is None) == (queries is None):
        raise click.UsageError("give either TEXT or --queries FILE")
    defaults = {"top": top, "kind": kind, "city": city, "sector": sector}
    if queries is not None:
        batch = _read_queries(queries, defaults)
    else:
        batch = [{"id": None, "text": text, **defaults}]
    failed = False
    with session_scope() as session:
        for query in batch:
            try:
                found, reason = recommend.search_directory(
                    session=session,
                    text=query["text"],
                    k=query["top"],
                    kind=query["kind"],
                    city=query["city"],
                    sector=query["sector"],
                )
            except ValueError as exc:
                failed = True
                _report(query["id"], [], str(exc), as_json, error=True)
                continue
            _report(query["id"], found, reason, as_json)
    if failed:
        raise SystemExit(1)


def _read_queries(lines, defaults: dict) -> list[dict]:
    batch = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            query = json.loads(line)
            if not isinstance(query, dict) or not isinstance(query.get("text"), str):
                raise ValueError("each line needs a JSON object with a text")
            top = int(query.get("top") or defaults["top"])
            if not 1 <= top <= 100:
                raise ValueError("top must be between 1 and 100")
        except ValueError as exc:
            raise click.BadParameter(f"line {number}: {exc}", param_hint="--queries") from exc
        batch.append(
            {
                "id": query.get("id", number),
                "text": query["text"],
                "top": top,
                **{key: query.get(key) or defaults[key] for key in ("kind", "city", "sector")},
            }
        )
    return batch


def _report(query_id, found, reason, as_json: bool, error: bool = False) -> None:
    if as_json:
        results = [
            {
                "name": r.organisation.name,
                "kind": r.organisation.kind.value,
                "city": r.organisation.city,
                "score": round(r.candidate.score, 4),
                "band": r.candidate.band,
                "reasons": [r.candidate.reason],
            }
            for r in found
        ]
        line = {"id": query_id, "results": results}
        if reason:
            line["error" if error else "reason"] = reason
        click.echo(json.dumps(line, ensure_ascii=False))
        return
    if query_id is not None:
        click.secho(f"# {query_id}", bold=True)
    if error:
        click.secho(reason, fg="red", err=True)
    elif not found:
        click.echo(reason or "No match.")
    for rank, r in enumerate(found, start=1):
        o = r.organisation
        click.echo(f"{rank:2}. {o.name} ({o.kind.value}, {o.city}) [{r.candidate.band}]")
        click.echo(f"    {r.candidate.reason}")
