"""Command: plan-period."""

import json
from datetime import datetime

import click
from flask.cli import with_appcontext

from ..db import session_scope
from ..services import period_planning


@click.command("plan-period")
@click.argument("start", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.argument("end", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--json", "as_json", is_flag=True, help="Print the plans as one JSON document.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1, max=600),
    default=period_planning.DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds the solver may take; it returns its best plan by then.",
)
@with_appcontext
def plan_period_command(start: datetime, end: datetime, as_json: bool, time_limit: float) -> None:
    """Plan every delegation whose visit overlaps START..END together and save the drafts."""
    if end < start:
        raise click.BadParameter("END is before START", param_hint="END")
    with session_scope() as session:
        result = period_planning.plan_period_visits(
            session=session, start=start.date(), end=end.date(), time_limit=time_limit
        )
    if as_json:
        click.echo(json.dumps(result.document, ensure_ascii=False, indent=2))
        return
    metrics = result.document["metrics"]
    for note in result.period.notes:
        click.secho(note, fg="yellow", err=True)
    for delegation in result.document["delegations"]:
        visits = sum(1 for d in delegation["days"] for i in d["items"] if i["kind"] == "visit")
        click.echo(
            f"{delegation['name']}: {visits} visit(s) placed, "
            f"{len(delegation['unplaced'])} not placed"
        )
        for item in delegation["unplaced"]:
            click.echo(f"  not placed: organisation {item['organisation_id']}: {item['reason']}")
    for line in result.unchanged:
        click.echo(line)
    if not result.period.plans:
        return
    click.echo(
        f"Solver {metrics['solver_status']} in {metrics['seconds']} s; share placed min "
        f"{metrics['placed_share_min']:.0%}, mean {metrics['placed_share_mean']:.0%}; "
        f"{metrics['travel_minutes']} minutes of travel."
    )


COMMANDS = (plan_period_command,)
