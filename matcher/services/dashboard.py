"""Service: figures for the coordinators' dashboard, computed in the database."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from ..models import (
    Delegation,
    InterestSector,
    Match,
    MatchStatus,
    Organisation,
    OrganisationSector,
    Outcome,
    Sector,
)
from ..reference import sectors


@dataclass(frozen=True)
class SectorBalance:
    """How many delegations ask for a sector against how many organisations supply it."""

    slug: str
    label: str
    demand: int
    supply: int

    @property
    def gap(self) -> int:
        return self.demand - self.supply


@dataclass(frozen=True)
class Acceptance:
    accepted: int
    rejected: int
    undecided: int

    @property
    def rate(self) -> float | None:
        decided = self.accepted + self.rejected
        return self.accepted / decided if decided else None


def delegations_by_country(*, session: Session) -> list[tuple[str, dict[str, int], int]]:
    """(country, counts by status, total) for every country with a delegation, most first."""
    rows = session.exec(
        select(Delegation.country, Delegation.status, func.count()).group_by(
            col(Delegation.country), col(Delegation.status)
        )
    ).all()
    table: dict[str, dict[str, int]] = {}
    for country, status, count in rows:
        table.setdefault(country, {})[str(status)] = count
    return sorted(
        ((country, counts, sum(counts.values())) for country, counts in table.items()),
        key=lambda row: (-row[2], row[0]),
    )


def sector_balance(*, session: Session) -> list[SectorBalance]:
    """Demand (interests ticking a sector) against supply (active organisations in it)."""
    demand = dict(
        session.exec(
            select(Sector.slug, func.count(col(InterestSector.interest_id)))
            .join(InterestSector, col(InterestSector.sector_id) == Sector.id)
            .group_by(col(Sector.slug))
        ).all()
    )
    supply = dict(
        session.exec(
            select(Sector.slug, func.count(col(OrganisationSector.organisation_id)))
            .join(OrganisationSector, col(OrganisationSector.sector_id) == Sector.id)
            .join(Organisation, col(Organisation.id) == OrganisationSector.organisation_id)
            .where(col(Organisation.archived) == sa.false())
            .group_by(col(Sector.slug))
        ).all()
    )
    balances = [
        SectorBalance(s.slug, s.labels["en"], demand.get(s.slug, 0), supply.get(s.slug, 0))
        for s in sectors.load()
    ]
    return sorted(balances, key=lambda b: (-b.demand, -b.gap, b.label))


def acceptance(*, session: Session) -> Acceptance:
    """How coordinators decided on the engine's suggestions (hand-added partners excluded)."""
    counts = dict(
        session.exec(
            select(Match.status, func.count())
            .where(col(Match.added_by_coordinator) == sa.false())
            .group_by(col(Match.status))
        ).all()
    )
    return Acceptance(
        accepted=counts.get(MatchStatus.accepted, 0),
        rejected=counts.get(MatchStatus.rejected, 0),
        undecided=counts.get(MatchStatus.suggested, 0),
    )


def industry_map(*, session: Session, sector: str) -> dict[str, dict[str, list[Organisation]]]:
    """Active organisations of one sector by city, then by kind: the ranking-list view."""
    found = session.exec(
        select(Organisation)
        .where(
            col(Organisation.archived) == sa.false(),
            col(Organisation.sectors).any(col(Sector.slug) == sector),
        )
        .order_by(col(Organisation.name))
    ).all()
    table: dict[str, dict[str, list[Organisation]]] = {}
    for organisation in found:
        by_kind = table.setdefault(organisation.city, {})
        by_kind.setdefault(organisation.kind.value, []).append(organisation)
    return table


def outcome_counts(*, session: Session) -> dict[str, int]:
    rows = session.exec(select(Outcome.kind, func.count()).group_by(col(Outcome.kind))).all()
    return {str(kind): count for kind, count in rows}


def recent_outcomes(*, session: Session, limit: int = 10) -> list[tuple[Outcome, str, str]]:
    """The latest outcomes with the organisation's and the delegation's names."""
    return list(
        session.exec(
            select(Outcome, Organisation.name, Delegation.name)
            .join(Match, col(Match.id) == Outcome.match_id)
            .join(Organisation, col(Organisation.id) == Match.organisation_id)
            .join(Delegation, col(Delegation.id) == Match.delegation_id)
            .order_by(col(Outcome.happened_on).desc(), col(Outcome.id).desc())
            .limit(limit)
        ).all()
    )
