"""Service: directory rows → engine input → ranked organisations → stored Match rows.

This module is the only place that decides which organisation fields feed the engine (through
``profile_fields``) and which of a delegation's words form the query.
"""

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import CursorResult
from sqlmodel import Session, col, select

from ..db import row_id
from ..engine import TfidfMatcher
from ..engine.profile import profile_attributes, profile_fields
from ..engine.results import Candidate
from ..models import Delegation, Match, MatchStatus, Organisation, OrganisationKind, utcnow
from ..reference import cities, sectors
from . import shared_index
from .locking import current_matches, lock_delegation
from .organisation_records import to_record, with_links_loaded

# Stored on every Match so that a later engine can be told apart from this one.
ENGINE_VERSION = "bm25-evidence-2"
CACHED_DIRECTORIES = 4
#: Strong partners outside a delegation's preferred cities and kinds, shown after the others.
OUTSIDE_PREFERENCES = 3


@dataclass(frozen=True)
class Recommendation:
    organisation: Organisation
    candidate: Candidate


@dataclass(frozen=True)
class Proposal:
    """The matches a delegation now has, and why the engine found none, if it did not."""

    matches: list[Match]
    reason: str | None


class IndexCache:
    """Fitted matchers kept per process, one per database, replaced when its version moves.

    Every worker and host reads the directory version from the shared database, so a change
    made through any of them is noticed by all at their next query; the fitted index itself
    is built once and mapped from the instance folder (`shared_index`).
    """

    def __init__(self, size: int = CACHED_DIRECTORIES) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._fitted: OrderedDict[str, tuple[dict, TfidfMatcher]] = OrderedDict()

    def matcher(self, *, session: Session) -> TfidfMatcher:
        key = session.get_bind().engine.url.render_as_string(hide_password=True)
        version = shared_index.directory_identity(session=session)
        with self._lock:
            cached = self._fitted.get(key)
            if cached is None or cached[0] != version:
                fitted = shared_index.shared_matcher(
                    identity=version,
                    build=lambda: build_matcher(session=session),
                    root=shared_index.index_root(),
                )
                self._fitted[key] = (version, fitted)
            self._fitted.move_to_end(key)
            while len(self._fitted) > self._size:
                self._fitted.popitem(last=False)
            return self._fitted[key][1]


index_cache = IndexCache()


def build_matcher(*, session: Session) -> TfidfMatcher:
    """Fit the engine on every active organisation of the directory."""
    organisations = session.exec(
        select(Organisation)
        .where(col(Organisation.archived) == sa.false())
        .options(*with_links_loaded())
        .order_by(col(Organisation.id))
    ).all()
    labels = {s.slug: s.labels["en"] for s in sectors.load()}
    records = [to_record(o).model_dump(mode="json") for o in organisations]
    return TfidfMatcher().fit(
        [o.id for o in organisations],
        [profile_fields(r, labels) for r in records],
        attributes=[profile_attributes(r) for r in records],
        sector_labels=labels,
        known_sectors=labels,
        known_cities=[*cities.load().by_slug, cities.OTHER_CITY],
        known_kinds=[k.value for k in OrganisationKind],
    )


def search_directory(
    *,
    session: Session,
    text: str | dict[str, str],
    k: int = 10,
    sectors: list[str] | tuple[str, ...] = (),
    kind: str | list[str] | None = None,
    city: str | list[str] | None = None,
    sector: str | list[str] | None = None,
    exclude: list[int] | tuple[int, ...] = (),
) -> tuple[list[Recommendation], str | None]:
    """Rank organisations for free text; return them with the engine's reason when empty.

    :raises ValueError: for an unknown kind, city or sector filter.
    """
    result = index_cache.matcher(session=session).query(
        text, k=k, sectors=sectors, kind=kind, city=city, sector=sector, exclude=exclude
    )
    # The engine was fitted on organisation ids, so its candidates carry them.
    wanted = [int(c.id) for c in result]
    found = {
        row_id(o): o
        for o in session.exec(select(Organisation).where(col(Organisation.id).in_(wanted)))
    }
    recommendations = [Recommendation(found[int(c.id)], c) for c in result if int(c.id) in found]
    return recommendations, result.reason


def interest_query(delegation: Delegation) -> dict[str, str]:
    """The delegation's own words as the engine reads them."""
    interest = delegation.interest
    return {"offers": interest.offers, "seeks": interest.seeks}


def empty_list_reason(*, session: Session, delegation: Delegation) -> str | None:
    """Why the engine lists nobody for the delegation's own words and sectors (None when it
    now would list someone): what the delegate's page says instead of an empty list."""
    result = index_cache.matcher(session=session).query(
        interest_query(delegation), k=1, sectors=[s.slug for s in delegation.interest.sectors]
    )
    return result.reason


def propose_matches(*, session: Session, delegation: Delegation, k: int = 10) -> Proposal:
    """Rank the directory for a delegation and store the result as its match list.

    Coordinators' decisions survive: accepted, rejected, pinned, annotated and hand-added
    matches stay as they are, rejected organisations are never proposed again; only undecided
    suggestions are replaced. The ranking reads without a lock (SQLite's write lock is not
    held for the time the engine takes); the delegation's lock is then taken and the matches
    read again, so a decision made meanwhile is seen and kept, never overwritten or deleted.
    """
    with session.no_autoflush:
        interest = delegation.interest
        seen = delegation.matches if delegation.id is None else _stored(session, delegation)
        search = functools.partial(
            search_directory,
            session=session,
            text=interest_query(delegation),
            k=k,
            sectors=[s.slug for s in interest.sectors],
            exclude=sorted(m.organisation_id for m in seen if _is_decided(m)),
        )
        kinds, cities_ = interest.preferred_kinds or None, interest.preferred_cities or None
        recommendations, reason = search(kind=kinds, city=cities_)
        outside: list[Recommendation] = []
        if kinds or cities_:
            # Preferences raise partners, they do not hide them: strong ones elsewhere follow.
            inside = {r.organisation.id for r in recommendations}
            everywhere, wide_reason = search()
            outside = [
                r
                for r in everywhere
                if r.organisation.id not in inside and r.candidate.band == "strong"
            ][:OUTSIDE_PREFERENCES]
            if not recommendations and not outside:
                reason = wide_reason or reason
        if delegation.id is not None:
            lock_delegation(session=session, delegation_id=delegation.id)
    marked = {r.organisation.id for r in outside}
    recommendations = recommendations + outside
    existing = (
        {} if delegation.id is None else _replace_undecided(session, delegation, recommendations)
    )
    for position, recommendation in enumerate(recommendations):
        match = existing.get(row_id(recommendation.organisation))
        if match is None:
            # A new delegation has no id yet: appending to its matches links the row.
            match = Match(organisation_id=row_id(recommendation.organisation))  # type: ignore[call-arg]
            delegation.matches.append(match)
        elif _is_decided(match):
            continue  # decided while the engine ranked: the decision stands
        _record_candidate(
            match,
            recommendation.candidate,
            position=position,
            outside=recommendation.organisation.id in marked,
        )
    matches = _rerank(delegation.matches)
    session.flush()
    return Proposal(matches=matches, reason=None if recommendations else reason)


def _stored(session: Session, delegation: Delegation) -> list[Match]:
    return current_matches(session=session, delegation_id=row_id(delegation))


def _replace_undecided(
    session: Session, delegation: Delegation, recommendations: list[Recommendation]
) -> dict[int, Match]:
    """Under the delegation's lock: drop undecided matches no longer proposed; the rest by id.

    Each delete names the state it was decided on (still suggested, unpinned, unannotated,
    same revision); a row that changed in between is left alone.
    """
    proposed = {r.organisation.id for r in recommendations}
    session.expire(delegation, ["matches"])
    stored = _stored(session, delegation)
    kept: dict[int, Match] = {}
    for match in stored:
        if _is_decided(match) or match.organisation_id in proposed:
            kept[match.organisation_id] = match
            continue
        removed: CursorResult = session.execute(  # type: ignore[assignment]
            sa.delete(Match)
            .where(
                col(Match.id) == match.id,
                col(Match.revision) == match.revision,
                col(Match.status) == MatchStatus.suggested,
                col(Match.pinned) == sa.false(),
                col(Match.added_by_coordinator) == sa.false(),
                col(Match.note) == "",
            )
            .execution_options(synchronize_session=False)
        )
        if removed.rowcount == 1:
            session.expunge(match)
        else:
            kept[match.organisation_id] = match
    session.expire(delegation, ["matches"])
    return kept


def _is_decided(match: Match) -> bool:
    return (
        match.status != MatchStatus.suggested
        or match.pinned
        or match.added_by_coordinator
        or bool(match.note)
    )


def _record_candidate(
    match: Match, candidate: Candidate, *, position: int, outside: bool = False
) -> None:
    match.score = float(candidate.score)
    match.band = candidate.band
    match.explanation = {
        "reason": candidate.reason,
        "terms": list(candidate.terms),
        "sectors": list(candidate.sectors),
        "fields": list(candidate.fields),
        "outside_preferences": outside,
        "position": position,  # the engine's order: bands first, parks spread inside a band
    }
    match.engine_version = ENGINE_VERSION
    match.updated_at = utcnow()


def _rerank(matches: list[Match]) -> list[Match]:
    """Pinned first, then accepted, then suggestions (those outside the preferences last), each
    in the engine's order of the run that proposed them; rejected last."""
    order = {MatchStatus.accepted: 1, MatchStatus.suggested: 2, MatchStatus.rejected: 3}

    def key(m: Match) -> tuple:
        why = m.explanation or {}
        position = why.get("position")
        return (
            0 if m.pinned else order[m.status],
            bool(why.get("outside_preferences")),
            position if isinstance(position, int) else len(matches),
            -m.score,
            m.organisation_id,
        )

    ranked = sorted(matches, key=key)
    for rank, match in enumerate(ranked, start=1):
        match.rank = rank
    return [m for m in ranked if m.status != MatchStatus.rejected]
