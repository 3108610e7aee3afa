"""Command: build-index, the shared engine index of the current directory version."""

import time

import click
from flask.cli import with_appcontext

from ..db import session_scope
from ..engine.store import StoreError
from ..services import recommend, shared_index


@click.command("build-index")
@with_appcontext
def build_index_command() -> None:
    """Build the matching index of the current directory into the instance folder."""
    root = shared_index.index_root()
    started = time.perf_counter()
    with session_scope() as session:
        identity = shared_index.directory_identity(session=session)
        try:
            folder = shared_index.build_index(
                identity=identity,
                build=lambda: recommend.build_matcher(session=session),
                root=root,
            )
        except (StoreError, OSError) as exc:
            click.secho(f"The index could not be written to {root}: {exc}", fg="red", err=True)
            raise SystemExit(1) from exc
    seconds = time.perf_counter() - started
    version = identity["version"]
    click.echo(f"Index of directory version {version} ready in {folder} ({seconds:.1f} s).")


COMMANDS = [build_index_command]
