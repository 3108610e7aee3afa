"""Service: one fitted engine per directory version, on disk, shared by every worker.

The version lives in the database (directory_version); the files in the instance folder are
only a cache of it. The first process that needs a version builds it under a file lock and
writes it as arrays; every process then maps those files read-only, so N workers hold one
copy. A folder that is truncated, foreign or unreadable is rebuilt, never served; without an
instance folder (or when it cannot be written) the engine is built in the process instead.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context
from sqlmodel import Session

from ..engine import DEFAULT_GLOSSARY_PATH, TfidfMatcher
from ..engine.normalise import GENERIC_WORDS_PATH
from ..engine.store import FORMAT, StoreError, load, save
from ..models import DirectoryVersion

log = logging.getLogger(__name__)
FOLDER = "index"


def directory_identity(*, session: Session) -> dict[str, Any]:
    """What an index must have been built from: database, version, engine and glossary."""
    row = session.get(DirectoryVersion, 1)
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    return {
        "database": hashlib.sha256(url.encode("utf-8")).hexdigest()[:16],
        "version": row.version if row else 0,
        "changed_at": row.changed_at.isoformat() if row else None,
        "engine": _engine_fingerprint(),
    }


@cache
def _engine_fingerprint() -> str:
    params = json.dumps(TfidfMatcher().get_params(), sort_keys=True, default=str)
    # Index keys depend on the glossary and on the reviewed generic words (they keep their key).
    words = DEFAULT_GLOSSARY_PATH.read_bytes() + GENERIC_WORDS_PATH.read_bytes()
    return hashlib.sha256(f"{FORMAT}:{params}".encode() + words).hexdigest()[:16]


def index_root() -> Path | None:
    """Where shared indexes live: MATCHER_INDEX_FOLDER, or index/ in the instance folder."""
    if not has_app_context():
        return None
    configured = current_app.config.get("INDEX_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / FOLDER


def folder_for(root: Path, identity: dict[str, Any]) -> Path:
    """The folder of one directory version."""
    return root / f"{identity['database']}-v{identity['version']}-{_digest(identity)}"


def _digest(identity: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:12]


def shared_matcher(
    *, identity: dict[str, Any], build: Callable[[], TfidfMatcher], root: Path | None
) -> TfidfMatcher:
    """The matcher of this directory version: mapped from disk, or built once and saved."""
    if root is None:
        return build()
    folder = folder_for(root, identity)
    try:
        return load(folder, identity)
    except StoreError:
        pass
    try:
        root.mkdir(parents=True, exist_ok=True)
        with _locked(root / f"{folder.name}.lock"):
            try:  # another worker may have built it while this one waited
                return load(folder, identity)
            except StoreError as exc:
                if folder.exists():
                    log.warning("rebuilding the index: %s", exc)
                    _remove(folder)
            matcher = build()
            save(matcher, folder, identity)
            _remove_older(root, identity, keep=folder)
    except OSError as exc:  # read-only or full disk: serve from memory, say why
        log.warning("index not shared, built in this process: %s", exc)
        return build()
    try:
        return load(folder, identity)  # the mapped copy, shared with the other workers
    except StoreError as exc:
        log.warning("index written but not readable, serving the built copy: %s", exc)
        return matcher


def build_index(*, identity: dict[str, Any], build: Callable[[], TfidfMatcher], root: Path) -> Path:
    """Build and save the index of this version unless a valid one is there; return its folder."""
    shared_matcher(identity=identity, build=build, root=root)
    folder = folder_for(root, identity)
    load(folder, identity)  # raises StoreError when it could not be written
    return folder


@contextmanager
def _locked(path: Path):
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _remove(folder: Path) -> None:
    """Move a folder aside, then delete it; processes that map its files keep them."""
    aside = folder.with_name(f".removed-{folder.name}")
    shutil.rmtree(aside, ignore_errors=True)
    try:
        folder.rename(aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def _remove_older(root: Path, identity: dict[str, Any], keep: Path) -> None:
    """Delete the indexes of this database's earlier versions."""
    prefix = f"{identity['database']}-v"
    for path in root.glob(f"{prefix}*"):
        version = path.name[len(prefix) :].split("-", 1)[0]
        if path.stem == keep.name or not version.isdigit() or int(version) >= identity["version"]:
            continue
        if path.is_dir():
            _remove(path)
        else:
            path.unlink(missing_ok=True)
