"""Command: export-itinerary."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..db import session_scope
from ..models import Delegation
from ..services import itinerary


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


COMMANDS = (export_itinerary_command,)
