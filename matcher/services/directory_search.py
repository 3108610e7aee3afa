"""Service: the public directory's search: active organisations by words, city, kind, sector."""

import math
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, func, select

from ..db import contains, related
from ..models import Organisation, OrganisationKind, Sector

SEARCHED_COLUMNS = tuple(
    col(column)
    for column in (
        Organisation.name,
        Organisation.name_local,
        Organisation.description,
        Organisation.offers,
        Organisation.seeks,
    )
)


@dataclass(frozen=True)
class Page:
    items: list[Organisation]
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def search_organisations(
    *,
    session: Session,
    text: str = "",
    city: str = "",
    kind: str = "",
    sector: str = "",
    page: int = 1,
    per_page: int = 20,
) -> Page:
    """Active organisations matching every given criterion, by name, one page of them."""
    query = select(Organisation).where(col(Organisation.archived) == sa.false())
    for word in text.split()[:10]:
        pattern = contains(word)
        query = query.where(sa.or_(*(c.ilike(pattern, escape="\\") for c in SEARCHED_COLUMNS)))
    if city:
        query = query.where(col(Organisation.city) == city)
    if kind:
        query = query.where(col(Organisation.kind) == OrganisationKind(kind))
    if sector:
        query = query.where(col(Organisation.sectors).any(col(Sector.slug) == sector))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages)
    items = session.exec(
        query.options(selectinload(related(Organisation.sectors)))
        .order_by(col(Organisation.name))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(items=list(items), total=total, number=page, per_page=per_page)
