"""Command: match, free text or a JSON Lines batch against the directory."""

import json

import click
from flask.cli import with_appcontext

from ..db import session_scope
from ..services import recommend


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


COMMANDS = (match_command,)
