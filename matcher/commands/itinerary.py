"""Commands: publish-itinerary and export-itinerary."""

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
    type=click.Choice(["ics", "csv", "xlsx", "pdf", "json", "svg"]),
    required=True,
)
@click.option(
    "--machine-headers",
    is_flag=True,
    help="Spreadsheets: stable English column keys for programs instead of the language's.",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout.")
@click.option(
    "--draft", is_flag=True, help="The coordinators' draft instead of the published plan."
)
@with_appcontext
def export_itinerary_command(
    delegation_id: int, file_format: str, output, draft: bool, machine_headers: bool
) -> None:
    """Export what the delegate has (the published itinerary) or, with --draft, the draft."""
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
            itinerary=found,
            delegation=delegation,
            stored=stored,
            file_format=file_format,
            machine_headers=machine_headers,
        )
    if output is None:
        click.echo(content, nl=False)  # bytes go to the binary stream as they are
    else:
        output.write_bytes(content)
        click.echo(f"Wrote {output} ({name}).", err=True)


@click.command("publish-itinerary")
@click.argument("delegation_id", type=int)
@with_appcontext
def publish_itinerary_command(delegation_id: int) -> None:
    """Publish a delegation's current draft to the delegate, as the itinerary page's button does."""
    with session_scope() as session:
        delegation = session.get(Delegation, delegation_id)
        if delegation is None:
            raise click.BadParameter(f"no delegation {delegation_id}", param_hint="DELEGATION_ID")
        found = itinerary.find_itinerary(session=session, delegation=delegation)
        try:
            if found is None:
                raise itinerary.ItineraryError(
                    "There is no visit to publish yet: plan the itinerary first."
                )
            itinerary.publish(session=session, itinerary=found)
        except itinerary.ItineraryError as error:
            click.secho(str(error), fg="red", err=True)
            raise SystemExit(1) from None
        click.echo(
            f"Published version {found.sequence} of the itinerary of {delegation.name!r}; "
            "the delegate sees it on their page."
        )


COMMANDS = (publish_itinerary_command, export_itinerary_command)
