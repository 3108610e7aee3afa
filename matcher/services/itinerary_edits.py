"""Service: a coordinator's edits of a plan (move, lock, unlock, remove, restore, day rhythm).

Each edit changes the itinerary's locks, removals or settings and plans again; a refused edit
raises ``ItineraryError`` with the reason and keeps nothing.
"""

from datetime import datetime

from sqlmodel import Session

from ..models import Delegation, Itinerary, Organisation, User
from ..planning import SHANGHAI
from .itinerary import DEFAULT_SETTINGS, ItineraryError, plan_settings, plan_visits


def move_visit(
    *, session: Session, itinerary: Itinerary, organisation_id: int, start: datetime
) -> None:
    """Fix a visit at a date and time (Shanghai time) and plan the rest around it.

    :raises ItineraryError: when the time is outside the trip or the lock cannot be kept.
    """
    delegation = session.get_one(Delegation, itinerary.delegation_id)
    local_start = start.replace(tzinfo=SHANGHAI) if start.tzinfo is None else start
    if not delegation.arrival <= local_start.astimezone(SHANGHAI).date() <= delegation.departure:
        raise ItineraryError("That date is outside the visit.")
    itinerary.locks = {**itinerary.locks, str(organisation_id): local_start.isoformat()}
    plan_visits(session=session, delegation=delegation, local=True)
    kept = any(
        item["type"] == "visit"
        and item["organisation_id"] == str(organisation_id)
        and item.get("locked")
        and datetime.fromisoformat(item["start"]) == local_start
        for day in itinerary.plan.get("days", [])
        for item in day["items"]
    )
    if not kept:
        # The planner refused the lock (closed, outside hours, a clash): say why, keep nothing.
        name = session.get(Organisation, organisation_id)
        notes = itinerary.plan.get("notes", [])
        saids = itinerary.plan.get("notes_said") or []
        reasons = [
            (note, saids[index] if index < len(saids) else None)
            for index, note in enumerate(notes)
            if name is not None and note.startswith(f"Lock refused: {name.name} ")
        ]
        if reasons:
            raise ItineraryError(*reasons[0])
        raise ItineraryError(
            "That time cannot be kept with the travel and the other locked visits; choose another."
        )


def lock_visit(*, session: Session, itinerary: Itinerary, organisation_id: int) -> None:
    """Keep a visit where the plan put it, whatever re-planning does to the others."""
    for day in itinerary.plan.get("days", []):
        for item in day["items"]:
            if item["type"] == "visit" and item["organisation_id"] == str(organisation_id):
                move_visit(
                    session=session,
                    itinerary=itinerary,
                    organisation_id=organisation_id,
                    start=datetime.fromisoformat(item["start"]),
                )
                return
    raise ItineraryError("That visit is not on the plan.")


def unlock_visit(*, session: Session, itinerary: Itinerary, organisation_id: int) -> None:
    """Let the planner place the visit again."""
    itinerary.locks = {k: v for k, v in itinerary.locks.items() if k != str(organisation_id)}
    _plan_around_the_edit(session, itinerary)


def remove_visit(*, session: Session, itinerary: Itinerary, organisation_id: int) -> None:
    """Leave an accepted organisation out of the plan (the match itself stays accepted)."""
    itinerary.removed = sorted({*itinerary.removed, str(organisation_id)})
    itinerary.locks = {k: v for k, v in itinerary.locks.items() if k != str(organisation_id)}
    _plan_around_the_edit(session, itinerary)


def restore_visit(*, session: Session, itinerary: Itinerary, organisation_id: int) -> None:
    """Put a removed organisation back in the plan."""
    itinerary.removed = [k for k in itinerary.removed if k != str(organisation_id)]
    _plan_around_the_edit(session, itinerary)


def _plan_around_the_edit(session: Session, itinerary: Itinerary) -> None:
    """Plan again after an edit of one visit: the others stay on their days where they can."""
    delegation = session.get_one(Delegation, itinerary.delegation_id)
    plan_visits(session=session, delegation=delegation, local=True)


def change_settings(
    *, session: Session, itinerary: Itinerary, settings: dict, user: User | None = None
) -> None:
    """New day rhythm, then re-plan (``user``: who asked, for the history).

    :raises ItineraryError: when the settings cannot describe a day.
    """
    delegation = session.get_one(Delegation, itinerary.delegation_id)
    # Never saved: only its settings are read.
    candidate = Itinerary(settings={**DEFAULT_SETTINGS, **itinerary.settings, **settings})  # type: ignore[call-arg]
    try:
        plan_settings(candidate, delegation)
    except ValueError as exc:
        raise ItineraryError(str(exc).capitalize() + ".") from exc
    itinerary.settings = candidate.settings
    plan_visits(session=session, delegation=delegation, user=user)


def visit_times(document: dict) -> dict[str, tuple[str, str]]:
    """Organisation id → (name, "YYYY-MM-DD HH:MM") of every visit in a stored plan."""
    return {
        item["organisation_id"]: (item["name"], f"{item['start'][:10]} {item['start'][11:16]}")
        for day in (document or {}).get("days", [])
        for item in day["items"]
        if item["type"] == "visit"
    }


def changes_between(before: dict, after: dict, not_placed: str = "not placed") -> list[str]:
    """What an edit changed in the plan, visit by visit; empty when nothing moved.

    ``not_placed`` is how a visit without a time is said, in the reader's language.
    """
    old, new = visit_times(before), visit_times(after)
    changed = []
    for organisation_id in sorted(old.keys() | new.keys(), key=lambda k: (old | new)[k][0]):
        name = (old.get(organisation_id) or new[organisation_id])[0]
        was, now = (
            old.get(organisation_id, (name, None))[1],
            new.get(organisation_id, (name, None))[1],
        )
        if was != now:
            changed.append(f"{name}: {was or not_placed} → {now or not_placed}")
    return changed
