"""An organisation as records carry it: from the table to a record or an API answer, and back.

The mapping is written once, by the fields of the record classes in ``matcher/models``: a field
added there is copied here without being named.
"""

from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from ..db import related
from ..models import (
    Organisation,
    OrganisationCoordinatorView,
    OrganisationCreate,
    OrganisationKind,
    OrganisationLinks,
    OrganisationPublic,
    utcnow,
)

# Fields of a record that name other rows rather than hold a value of the organisation's own.
LINKS = frozenset(OrganisationLinks.model_fields)


def with_links_loaded() -> tuple:
    """Loader options: an organisation comes with its sectors, host and alliances."""
    return (
        selectinload(related(Organisation.sectors)),
        selectinload(related(Organisation.parent)),
        selectinload(related(Organisation.alliances)),
    )


def with_links(*, session: Session, organisations: list[Organisation]) -> list[Organisation]:
    """The same organisations, in the same order, with their sectors, host and alliances loaded."""
    ids = [o.id for o in organisations]
    found = session.exec(
        select(Organisation).where(col(Organisation.id).in_(ids)).options(*with_links_loaded())
    )
    by_id = {o.id: o for o in found}
    return [by_id[i] for i in ids]


def record_values(organisation: Organisation) -> dict:
    """An organisation's fields as a record carries them: its own values, links by name."""
    values = {
        name: getattr(organisation, name) for name in OrganisationCreate.model_fields.keys() - LINKS
    }
    values.update(
        sectors=sorted(s.slug for s in organisation.sectors),
        parent=organisation.parent.name if organisation.parent else "",
        member_of=sorted(a.name for a in organisation.alliances),
    )
    return values


def to_record(organisation: Organisation) -> OrganisationCreate:
    """A stored organisation as a whole record (for files and the form)."""
    return OrganisationCreate.model_construct(**record_values(organisation))


def public_record(organisation: Organisation) -> OrganisationPublic:
    """A stored organisation as anyone may see it."""
    values = record_values(organisation) | {"id": organisation.id}
    return OrganisationPublic.model_validate(
        {name: values[name] for name in OrganisationPublic.model_fields}
    )


def coordinator_record(
    organisation: Organisation, *, with_private_contact: bool
) -> OrganisationCoordinatorView:
    """A stored organisation as coordinators see it; its private contact for administrators."""
    values = record_values(organisation) | {"id": organisation.id}
    if not with_private_contact:
        values["private_contact"] = None
    return OrganisationCoordinatorView.model_validate({**values, "archived": organisation.archived})


def sees_private_contacts(user: object) -> bool:
    """Administrators alone read, write and export organisations' private contacts."""
    return bool(getattr(user, "is_admin", False))


def copy_record(record: OrganisationCreate, organisation: Organisation) -> None:
    """Copy a record's own values onto the table row (links are resolved by the caller)."""
    for key in OrganisationCreate.model_fields.keys() - LINKS - {"name"}:
        setattr(organisation, key, getattr(record, key))
    organisation.kind = OrganisationKind(record.kind)
    organisation.updated_at = utcnow()
