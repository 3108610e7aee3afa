"""Service: how many other delegations each host receives during a delegation's dates."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from ..models import Delegation, DelegationStatus, Match, MatchStatus, Organisation

# Without a stated capacity, an organisation hosting this many delegations at once is flagged.
DEFAULT_HOST_LIMIT = 3


@dataclass(frozen=True)
class HostLoad:
    """How many other delegations an organisation receives during the same dates."""

    others: int
    limit: int
    capacity_known: bool

    @property
    def over(self) -> bool:
        return self.others >= self.limit


def host_loads(
    *, session: Session, delegation: Delegation, organisation_ids: list[int]
) -> dict[int, HostLoad]:
    """Per organisation: other delegations, dates overlapping, that accepted or pinned it."""
    if not organisation_ids:
        return {}
    counts = dict(
        session.exec(
            select(Match.organisation_id, func.count(sa.distinct(col(Match.delegation_id))))
            .join(Delegation, col(Delegation.id) == Match.delegation_id)
            .where(
                col(Match.organisation_id).in_(organisation_ids),
                col(Match.delegation_id) != delegation.id,
                sa.or_(col(Match.status) == MatchStatus.accepted, col(Match.pinned) == sa.true()),
                col(Delegation.status) != DelegationStatus.closed,
                col(Delegation.arrival) <= delegation.departure,
                col(Delegation.departure) >= delegation.arrival,
            )
            .group_by(col(Match.organisation_id))
        ).all()
    )
    capacities = dict(
        session.exec(
            select(Organisation.id, Organisation.capacity).where(
                col(Organisation.id).in_(organisation_ids)
            )
        ).all()
    )
    return {
        oid: HostLoad(
            others=counts.get(oid, 0),
            limit=capacities.get(oid) or DEFAULT_HOST_LIMIT,
            capacity_known=capacities.get(oid) is not None,
        )
        for oid in organisation_ids
    }
