"""Service: the organisation directory (load, import, export, upkeep); search: directory_search."""

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload
from sqlmodel import Session, col, func, select

from .. import reference
from ..db import related
from ..models import (
    DirectoryVersion,
    Organisation,
    OrganisationCreate,
    Sector,
    utcnow,
)
from ..reference import sectors
from .organisation_records import copy_record, to_record, with_links_loaded
from .record_checks import Known, RowError, validate_records
from .records import FileFormatError, read_records

SHIPPED_ORGANISATIONS = "organisations.json"


class ImportRefused(ValueError):
    """A file was refused; ``errors`` name each bad line and field."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def sync_sectors(*, session: Session, data: Path = reference.DATA) -> int:
    """Make the sector table match the shipped taxonomy; return how many were added."""
    existing = {s.slug: s for s in session.exec(select(Sector))}
    added = 0
    for entry in sectors.load(data):
        sector = existing.get(entry.slug)
        if sector is None:
            session.add(Sector(slug=entry.slug, labels=entry.labels))
            added += 1
        elif sector.labels != entry.labels:
            sector.labels = entry.labels
    session.flush()
    return added


# The parent side of an organisation's link to its parent, in one query.
Parent = aliased(Organisation)


def known_references(*, session: Session) -> Known:
    """The organisation names that imported records may refer to, and each one's parent."""
    parents = select(Organisation.name, Parent.name).join(
        Parent, col(Parent.id) == col(Organisation.parent_id)
    )
    return Known(
        organisations=frozenset(session.exec(select(Organisation.name))),
        parents=dict(session.exec(parents).all()),
    )


def import_organisations(
    *, session: Session, text: str, filename: str, replace_existing: bool = False
) -> list[Organisation]:
    """Validate a whole CSV or JSON file, then write it; nothing is written on any error.

    :raises ImportRefused: listing every bad line.
    """
    try:
        rows = read_records(text, filename)
    except FileFormatError as exc:
        raise ImportRefused([RowError(exc.line, "file", exc.reason)]) from exc
    records, errors = validate_records(
        rows, known=known_references(session=session), replace_existing=replace_existing
    )
    if errors:
        raise ImportRefused(errors)
    return save_records(session=session, records=records)


def save_records(*, session: Session, records: list[OrganisationCreate]) -> list[Organisation]:
    """Create or update organisations by name from validated records."""
    rows = _sector_rows(session)
    wanted = [r.name for r in records] + [r.parent for r in records if r.parent]
    wanted += [name for r in records for name in r.member_of]
    by_name = {
        o.name: o
        for o in session.exec(select(Organisation).where(col(Organisation.name).in_(wanted)))
    }
    saved = []
    for record in records:
        organisation = by_name.get(record.name)
        if organisation is None:
            organisation = Organisation(name=record.name, kind=record.kind, city=record.city)
            session.add(organisation)
            by_name[record.name] = organisation
        copy_record(record, organisation)
        organisation.sectors = [rows[slug] for slug in record.sectors]
        saved.append(organisation)
    # References resolve once every record of the file exists.
    for record, organisation in zip(records, saved, strict=True):
        organisation.parent = by_name[record.parent] if record.parent else None
        organisation.alliances = [by_name[name] for name in record.member_of]
    bump_directory_version(session=session)
    session.flush()
    return saved


def _sector_rows(session: Session) -> dict[str, Sector]:
    """Every sector row by slug, the shipped taxonomy added first when the table lacks any."""
    rows = {s.slug: s for s in session.exec(select(Sector))}
    if set(sectors.slugs()) - set(rows):
        sync_sectors(session=session)
        rows = {s.slug: s for s in session.exec(select(Sector))}
    return rows


def bump_directory_version(*, session: Session) -> int:
    """Count one more change to the directory; every worker's index notices it."""
    row = session.get(DirectoryVersion, 1)
    if row is None:
        row = DirectoryVersion(id=1, version=0)
        session.add(row)
    row.version += 1
    row.changed_at = utcnow()
    session.flush()
    return row.version


def directory_version(*, session: Session) -> int:
    row = session.get(DirectoryVersion, 1)
    return row.version if row else 0


def load_shipped_directory(*, session: Session, data: Path = reference.DATA) -> int:
    """Load data/ into an empty directory; return how many organisations were added."""
    sync_sectors(session=session, data=data)
    if session.exec(select(func.count()).select_from(Organisation)).one():
        return 0
    path = data / SHIPPED_ORGANISATIONS
    saved = import_organisations(
        session=session, text=path.read_text(encoding="utf-8"), filename=path.name
    )
    return len(saved)


def organisation_records(
    *, session: Session, include_archived: bool = False
) -> list[OrganisationCreate]:
    """Every organisation as an export record, in name order."""
    query = select(Organisation).options(*with_links_loaded())
    if not include_archived:
        query = query.where(col(Organisation.archived) == sa.false())
    return [to_record(o) for o in session.exec(query.order_by(col(Organisation.name)))]


def check_record(
    *, session: Session, raw: dict, current_name: str | None = None
) -> tuple[OrganisationCreate | None, list[RowError]]:
    """Validate one organisation from a form with the import's rules.

    ``current_name`` is the organisation being edited: its own name is not a duplicate.
    """
    known = known_references(session=session)
    if current_name is not None:
        known = Known(
            organisations=known.organisations - {current_name},
            parents={k: v for k, v in known.parents.items() if k != current_name},
        )
    records, errors = validate_records([(1, raw)], known=known)
    return (records[0] if records else None), errors


def check_links(
    *, session: Session, record: OrganisationCreate, current_name: str | None = None
) -> list[RowError]:
    """What a valid record refers to must exist: its name is new, its parent and alliances known.

    ``current_name`` is the organisation being edited: its own name is not a duplicate.
    """
    known = known_references(session=session)
    if current_name is not None:
        known = Known(organisations=known.organisations - {current_name})
    return validate_records([(1, record.model_dump())], known=known)[1]


def create_organisation(*, session: Session, record: OrganisationCreate) -> Organisation:
    """Add a validated organisation."""
    return save_records(session=session, records=[record])[0]


def update_organisation(
    *, session: Session, organisation: Organisation, record: OrganisationCreate
) -> Organisation:
    """Overwrite an organisation with a validated record (which may rename it)."""
    rows = _sector_rows(session)
    organisation.name = record.name
    copy_record(record, organisation)
    organisation.sectors = [rows[slug] for slug in record.sectors]
    by_name = {
        o.name: o
        for o in session.exec(
            select(Organisation).where(
                col(Organisation.name).in_([record.parent, *record.member_of])
            )
        )
    }
    organisation.parent = by_name.get(record.parent) if record.parent else None
    organisation.alliances = [by_name[name] for name in record.member_of]
    bump_directory_version(session=session)
    session.flush()
    return organisation


def names_and_kinds(*, session: Session, exclude: int | None = None) -> list[tuple[str, str]]:
    """(name, kind) of every organisation but one, by name: what a record may refer to."""
    rows = session.exec(
        select(Organisation.name, Organisation.kind, Organisation.id).order_by(
            col(Organisation.name)
        )
    )
    return [(name, str(kind)) for name, kind, oid in rows if oid != exclude]


def list_for_upkeep(*, session: Session, show: str = "active") -> list[Organisation]:
    """Organisations by name for directory upkeep: "active", "archived" or "all"."""
    query = select(Organisation).options(selectinload(related(Organisation.sectors)))
    if show == "archived":
        query = query.where(col(Organisation.archived))
    elif show != "all":
        query = query.where(~col(Organisation.archived))
    return list(session.exec(query.order_by(col(Organisation.name))))


def set_archived(*, session: Session, organisation: Organisation, archived: bool) -> None:
    """Archive (hide from the directory and from matching) or restore an organisation."""
    organisation.archived = archived
    organisation.updated_at = utcnow()
    bump_directory_version(session=session)
    session.flush()


def preview_import(*, session: Session, text: str, filename: str):
    """What an import would do, without writing: (records, errors, names already present)."""
    try:
        rows = read_records(text, filename)
    except FileFormatError as exc:
        return [], [RowError(exc.line, "file", exc.reason)], set()
    known = known_references(session=session)
    records, errors = validate_records(rows, known=known)
    return records, errors, known.organisations
